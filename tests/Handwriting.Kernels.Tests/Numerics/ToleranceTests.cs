using Xunit.Sdk;

namespace Handwriting.Kernels.Tests.Numerics;

/// <summary>The comparison every kernel test relies on, itself tested: NaN, infinities, the mixed bound and the report.</summary>
public sealed class ToleranceTests
{
    private static readonly Tolerance Mixed = new(1e-3, 1e-2);

    [Theory]
    [InlineData(0.0, 0.0009, true)]
    [InlineData(0.0, 0.0011, false)]
    [InlineData(100.0, 101.0005, true)]
    [InlineData(100.0, 101.0015, false)]
    [InlineData(double.NaN, double.NaN, true)]
    [InlineData(double.NaN, 0.0, false)]
    [InlineData(0.0, double.NaN, false)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, true)]
    [InlineData(double.PositiveInfinity, double.NegativeInfinity, false)]
    [InlineData(double.PositiveInfinity, 1e300, false)]
    public void Applies_the_mixed_bound_and_knows_nan_and_infinity(double expected, double actual, bool close) =>
        Assert.Equal(close, Mixed.IsClose(expected, actual));

    [Fact]
    public void A_failure_names_the_index_both_values_and_the_largest_error()
    {
        double[] expected = [1, 2, 3, 4];
        float[] actual = [1, float.NaN, 3.5f, 4];
        var failure = Assert.Throws<FailException>(() => Mixed.AssertClose(expected, actual, "probe"));
        Assert.Contains("probe: 2 of 4 elements", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[1] ref 2 out NaN", failure.Message, StringComparison.Ordinal);
        Assert.Contains("[2] ref 3 out 3.5", failure.Message, StringComparison.Ordinal);
        Assert.Contains("largest error Infinity at [1]", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unwritten_output_left_at_nan_fails_even_with_a_loose_tolerance()
    {
        float[] actual = [0f, float.NaN];
        Assert.Throws<FailException>(() => new Tolerance(1e9, 1e9).AssertClose([0.0, 0.0], actual, "probe"));
    }
}
