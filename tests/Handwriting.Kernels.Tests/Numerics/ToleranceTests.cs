using Xunit.Sdk;

namespace Handwriting.Kernels.Tests.Numerics;

/// <summary>The comparison every kernel test and `handwriting check` rely on, itself tested: NaN, infinities, the mixed bound, bits and the reports.</summary>
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

    /// <summary>As `handwriting check` applies it to a kernel's float outputs (the rows of the former CheckToleranceTests).</summary>
    [Theory]
    [InlineData(1.0, 1.00001, true)]
    [InlineData(1.0, 1.00002, false)]
    [InlineData(0.0, 1e-6, true)]
    [InlineData(0.0, 2e-6, false)]
    [InlineData(double.NaN, double.NaN, true)]
    [InlineData(1.0, double.NaN, false)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, true)]
    [InlineData(double.PositiveInfinity, 3.4e38, false)]
    public void Holds_float_outputs_to_the_mixed_bound(double expected, double actual, bool close) =>
        Assert.Equal(close, new Tolerance(1e-6, 1e-5).IsClose(expected, (float)actual));

    [Fact]
    public void Bits_tells_apart_values_one_ulp_apart_and_the_signs_of_zero()
    {
        float value = 0.3f;
        Assert.True(Tolerance.Bits.IsClose(value, value));
        Assert.False(Tolerance.Bits.IsClose(value, MathF.BitIncrement(value)));
        Assert.False(Tolerance.Bits.IsClose(0.0, -0f));
        Assert.True(Tolerance.Exact.IsClose(0.0, -0f));
    }

    [Fact]
    public void A_check_row_reports_the_largest_errors_and_the_first_mismatch()
    {
        var output = new CheckOutput("y", [1.0, 2.0, 4.0], [1f, 2.5f, 3.5f], new Tolerance(0, 0.2));

        var row = output.Row("Op", "v", "3");

        Assert.Equal(CheckResult.Fail, row.Result);
        Assert.Equal(0.5, row.MaxAbsoluteError);
        Assert.Equal(0.25, row.MaxRelativeError);
        Assert.Equal("1 of 3 elements differ; first [1]: ref 2 out 2.5", row.Detail);
    }

    [Fact]
    public void A_check_row_of_the_wrong_length_fails_naming_both_lengths()
    {
        var row = new CheckOutput("y", [1.0, 2.0], [1f], Tolerance.Exact).Row("Op", "v", "2");

        Assert.Equal(CheckResult.Fail, row.Result);
        Assert.Equal("1 elements, expected 2", row.Detail);
    }
}
