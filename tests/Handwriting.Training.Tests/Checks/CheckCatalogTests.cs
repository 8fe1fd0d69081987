using Handwriting.Kernels;
using Handwriting.Kernels.Checks;
using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
using Handwriting.Training.Checks;

namespace Handwriting.Training.Tests.Checks;

/// <summary>What the catalog covers: every live op, every variant each op has at the same shapes, seed and awkward shapes.</summary>
public sealed class CheckCatalogTests
{
    [Fact]
    public void Covers_every_op_that_training_evaluation_and_prediction_launch()
    {
        string[] ops = ["PixelBatch", "DenseForward", "WeightGradient", "InputGradient", "SoftmaxCrossEntropy", "Adam", "MetricSums", "Augment", "AugmentDraw", "DropoutMask", "TrainingStep"];

        Assert.Equal(ops.Order(), CheckCatalog.All.Select(c => c.Op).Distinct().Order());
    }

    /// <summary>Each op is checked in every variant it has (<see cref="IDeviceOp{TSelf}.Variants"/>), each at the op's every shape.</summary>
    [Theory]
    [InlineData("PixelBatch")]
    [InlineData("DenseForward")]
    [InlineData("WeightGradient")]
    [InlineData("InputGradient")]
    [InlineData("SoftmaxCrossEntropy")]
    [InlineData("Adam")]
    [InlineData("MetricSums")]
    [InlineData("Augment")]
    [InlineData("DropoutMask")]
    public void Every_variant_of_an_op_is_checked_at_the_same_shapes(string op)
    {
        IReadOnlyList<KernelVariant> variants = op switch
        {
            "PixelBatch" => PixelBatch.Variants,
            "DenseForward" or "DropoutMask" => DenseForward.Variants,
            "WeightGradient" => WeightGradient.Variants,
            "InputGradient" => InputGradient.Variants,
            "SoftmaxCrossEntropy" => SoftmaxCrossEntropy.Variants,
            "Adam" => Adam.Variants,
            "MetricSums" => MetricSums.Variants,
            _ => Augment.Variants,
        };
        var cases = CheckCatalog.All.Where(c => c.Op == op).ToList();
        var portable = cases.Where(c => c.Kernel == KernelVariant.Portable).Select(c => c.Shape).ToList();

        Assert.NotEmpty(portable);
        Assert.Equal(variants, cases.Select(c => c.Kernel!.Value).Distinct());
        Assert.All(variants, variant => Assert.Equal(portable, cases.Where(c => c.Kernel == variant).Select(c => c.Shape)));
    }

    /// <summary>The whole step is checked as separate launches and, at every SIMD width, fused, at the same shapes.</summary>
    [Fact]
    public void The_training_step_is_checked_separate_and_fused_at_every_width()
    {
        var steps = CheckCatalog.All.Where(c => c.Op == TrainingStepCases.Op).ToList();
        var network = steps.Where(c => c.Variant == TrainingStepCases.Network).Select(c => c.Shape).ToList();

        Assert.NotEmpty(network);
        foreach (var variant in CpuTrainingStep.Variants)
        {
            Assert.Equal(network, steps.Where(c => c.Variant == $"fused {variant.Name()}").Select(c => c.Shape));
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
            Assert.Equal(width <= SimdWidths.Widest, target.CannotRun<Adam>(KernelVariants.Of(width)) is null);
        }
    }

    [Fact]
    public void Case_names_are_unique() =>
        Assert.Equal(CheckCatalog.All.Count, CheckCatalog.All.Select(c => c.Name).Distinct().Count());

    [Theory]
    [InlineData("DenseForward portable 32x784x128 relu bias gather dropout 0.2")]
    [InlineData("DenseForward portable 1x1x1 relu bias gather dropout 0.5")]
    [InlineData("WeightGradient tiled 7x33x5 gather")]
    [InlineData("TrainingStep network 784-128-10 x32 gather")]
    [InlineData("TrainingStep fused simd128 784-128-10 x32 gather")]
    [InlineData("Adam simd256 101770 x 2 steps, keras defaults")]
    public void Includes_the_seed_shapes_and_awkward_ones(string name) =>
        Assert.Equal(name, CheckCatalog.Named(name).Name);
}
