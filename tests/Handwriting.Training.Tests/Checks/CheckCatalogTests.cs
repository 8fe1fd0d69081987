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

    [Fact]
    public void Case_names_are_unique() =>
        Assert.Equal(CheckCatalog.All.Count, CheckCatalog.All.Select(c => c.Name).Distinct().Count());

    [Theory]
    [InlineData("DenseForward blocked 32x784x128 relu bias gather dropout 0.2")]
    [InlineData("DenseForward blocked 1x1x1 relu bias gather dropout 0.5")]
    [InlineData("WeightGradient tiled 7x33x5 gather")]
    [InlineData("TrainingStep network 784-128-10 x32 gather")]
    public void Includes_the_seed_shapes_and_awkward_ones(string name) =>
        Assert.Equal(name, CheckCatalog.Named(name).Name);
}
