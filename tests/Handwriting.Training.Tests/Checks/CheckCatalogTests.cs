using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
using Handwriting.Training.Checks;

namespace Handwriting.Training.Tests.Checks;

/// <summary>What the catalog covers: every live op, both variants of the fused matmuls, seed and awkward shapes.</summary>
public sealed class CheckCatalogTests
{
    [Fact]
    public void Covers_every_op_that_training_evaluation_and_prediction_launch()
    {
        string[] ops = ["DenseForward", "WeightGradient", "InputGradient", "SoftmaxCrossEntropy", "Adam", "MetricSums", "Augment", "AugmentDraw", "DropoutMask", "TrainingStep"];

        Assert.Equal(ops.Order(), CheckCatalog.All.Select(c => c.Op).Distinct().Order());
    }

    [Theory]
    [InlineData("DenseForward")]
    [InlineData("WeightGradient")]
    [InlineData("DropoutMask")]
    public void The_fused_matmuls_are_checked_in_both_variants_at_the_same_shapes(string op)
    {
        var blocked = CheckCatalog.All.Where(c => c.Op == op && c.Variant == CheckVariants.Blocked).Select(c => c.Shape);
        var tiled = CheckCatalog.All.Where(c => c.Op == op && c.Variant == CheckVariants.Tiled).Select(c => c.Shape);

        Assert.NotEmpty(blocked);
        Assert.Equal(blocked, tiled);
    }

    /// <summary>Each op with a CPU-only variant is checked at every SIMD width, at the shapes of the variant its launcher otherwise runs on the CPU accelerator.</summary>
    [Theory]
    [InlineData("DenseForward", CheckVariants.Blocked, "")]
    [InlineData("WeightGradient", CheckVariants.Blocked, "")]
    [InlineData("InputGradient", CheckVariants.Portable, "")]
    [InlineData("SoftmaxCrossEntropy", CheckVariants.Portable, "")]
    [InlineData("Adam", CheckVariants.Portable, "")]
    [InlineData("DropoutMask", CheckVariants.Blocked, "")]
    [InlineData("TrainingStep", CheckVariants.Network, "fused ")]
    public void The_cpu_only_variants_are_checked_at_every_width_at_the_same_shapes(string op, string launchedOnCpu, string prefix)
    {
        var portable = CheckCatalog.All.Where(c => c.Op == op && c.Variant == launchedOnCpu).ToList();
        Assert.NotEmpty(portable);
        Assert.All(portable, c => Assert.Null(c.Simd));
        foreach (var width in Enum.GetValues<SimdWidth>())
        {
            var simd = CheckCatalog.All.Where(c => c.Op == op && c.Variant == $"{prefix}simd{(int)width}").ToList();
            Assert.Equal(portable.Select(c => c.Shape), simd.Select(c => c.Shape));
            Assert.All(simd, c => Assert.Equal(width, c.Simd));
        }
    }

    /// <summary>A SIMD variant runs on the CPU accelerator at a width it accelerates, and nowhere else.</summary>
    [Fact]
    public void A_simd_variant_runs_only_on_the_cpu_at_an_accelerated_width()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var target = new CheckTarget(device);
        foreach (var width in Enum.GetValues<SimdWidth>())
        {
            Assert.Equal(width <= SimdWidths.Widest, SimdCases.CannotRun(target, width) is null);
        }
    }

    [Fact]
    public void Case_names_are_unique() =>
        Assert.Equal(CheckCatalog.All.Count, CheckCatalog.All.Select(c => c.Name).Distinct().Count());

    [Theory]
    [InlineData("DenseForward blocked 32x784x128 relu bias gather dropout 0.2")]
    [InlineData("DenseForward blocked 1x1x1 relu bias gather dropout 0.5")]
    [InlineData("WeightGradient tiled 7x33x5 gather")]
    [InlineData("TrainingStep network 784-128-10 x32 gather")]
    [InlineData("TrainingStep fused simd128 784-128-10 x32 gather")]
    [InlineData("Adam simd256 101770 x 2 steps, keras defaults")]
    public void Includes_the_seed_shapes_and_awkward_ones(string name) =>
        Assert.Equal(name, CheckCatalog.Named(name).Name);
}
