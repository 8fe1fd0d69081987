using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Checks;
using Handwriting.Training.Checks;

namespace Handwriting.Training.Tests.Checks;

/// <summary>
/// The check fails when it should: a wrong or missing kernel output, a launch that throws, and a
/// variant that cannot run is reported as not run rather than passed.
/// </summary>
public sealed class CheckFailureTests
{
    /// <summary>The first case of each op: enough to prove every op's outputs pass through the comparison.</summary>
    public static TheoryData<string> FirstCaseOfEachOp()
    {
        var names = new TheoryData<string>();
        foreach (var check in CheckCatalog.All.GroupBy(c => c.Op).Select(g => g.First()))
        {
            names.Add(check.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(FirstCaseOfEachOp))]
    public void A_wrong_kernel_output_fails_the_case(string name)
    {
        // Moves one element by far more than any tolerance: 1 + its own size.
        static float[] Wrong(float[] output)
        {
            var changed = (float[])output.Clone();
            changed[^1] += 1f + Math.Abs(changed[^1]);
            return changed;
        }

        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var target = new CheckTarget(device, Wrong);
        var rows = CheckCatalog.Named(name).Run(target);

        Assert.NotEmpty(rows);
        Assert.All(rows, row => Assert.Equal(CheckResult.Fail, row.Result));
        Assert.All(rows, row => Assert.Contains("differ", row.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public void An_output_the_kernel_never_wrote_fails()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var target = new CheckTarget(device, output => Array.ConvertAll(output, _ => float.NaN));
        var rows = CheckCatalog.Named(CheckCatalog.All[0].Name).Run(target);

        var row = Assert.Single(rows);
        Assert.Equal(CheckResult.Fail, row.Result);
        Assert.Equal(double.PositiveInfinity, row.MaxAbsoluteError);
    }

    [Fact]
    public void A_launch_that_throws_is_one_failed_row_naming_the_exception()
    {
        var check = new CheckCase("Op", "portable", "1", _ => throw new NotSupportedException("no such kernel here"));
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var target = new CheckTarget(device);

        var row = Assert.Single(check.Run(target));

        Assert.Equal(CheckResult.Fail, row.Result);
        Assert.Equal("NotSupportedException: no such kernel here", row.Detail);
    }

    [Fact]
    public void A_variant_that_cannot_run_says_so_and_launches_nothing()
    {
        bool launched = false;
        var check = new CheckCase("Op", "portable", "1", _ =>
        {
            launched = true;
            return [];
        },
        _ => "not on this accelerator");
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var target = new CheckTarget(device);

        var row = Assert.Single(check.Run(target));

        Assert.False(launched);
        Assert.Equal(CheckResult.NotRun, row.Result);
        Assert.False(row.Passed);
        Assert.Equal("not on this accelerator", row.Detail);
    }

    [Fact]
    public void The_tile_variants_run_on_the_cpu_accelerator_except_at_large_shapes_but_the_training_batch()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var target = new CheckTarget(device);

        var tiled = CheckCatalog.All.Where(c => c.Kernel == KernelVariant.Tiled).ToList();
        var notRun = tiled.Where(c => c.CannotRunOn(target) is not null).Select(c => c.Name).ToList();

        string[] large =
        [
            "DenseForward tiled 1000x784x128 relu bias", "DenseForward tiled 1x784x128 relu bias", "DenseForward tiled 32x784x128 relu bias", "DenseForward tiled 32x784x10 bias gather",
            "WeightGradient tiled 1x784x128 gather", "WeightGradient tiled 32x784x128", "WeightGradient tiled 128x784x128 gather",
        ];
        Assert.Equal(large, notRun);
        Assert.All(notRun, name => Assert.Equal(CheckCase.LeftToGpusReason, CheckCatalog.Named(name).CannotRunOn(target)));
        Assert.Contains(tiled, c => c.Name == "DenseForward tiled 32x784x128 relu bias gather dropout 0.2" && c.CannotRunOn(target) is null);
        Assert.Contains(tiled, c => c.Op == "WeightGradient");
        Assert.Contains(tiled, c => c.Op == "DropoutMask");
    }
}
