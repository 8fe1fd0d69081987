using Handwriting.Training.Checks;

namespace Handwriting.Training.Tests.Checks;

public sealed class CheckToleranceTests
{
    [Theory]
    [InlineData(1.0, 1.00001, true)]
    [InlineData(1.0, 1.00002, false)]
    [InlineData(0.0, 1e-6, true)]
    [InlineData(0.0, 2e-6, false)]
    [InlineData(double.NaN, double.NaN, true)]
    [InlineData(1.0, double.NaN, false)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity, true)]
    [InlineData(double.PositiveInfinity, 3.4e38, false)]
    public void Is_llm_c_mixed_tolerance_knowing_nan_and_infinity(double expected, double actual, bool close) =>
        Assert.Equal(close, new CheckTolerance(1e-6, 1e-5).IsClose(expected, (float)actual));

    [Fact]
    public void Bits_tells_apart_values_one_ulp_apart()
    {
        float value = 0.3f;
        Assert.True(CheckTolerance.Bits.IsClose(value, value));
        Assert.False(CheckTolerance.Bits.IsClose(value, MathF.BitIncrement(value)));
        Assert.False(CheckTolerance.Bits.IsClose(0.0, -0f));
    }

    [Fact]
    public void A_comparison_reports_the_largest_errors_and_the_first_mismatch()
    {
        var output = new CheckOutput("y", [1.0, 2.0, 4.0], [1f, 2.5f, 3.5f], new CheckTolerance(0, 0.2));

        var row = CheckComparison.Compare("Op", "v", "3", output);

        Assert.Equal(CheckResult.Fail, row.Result);
        Assert.Equal(0.5, row.MaxAbsoluteError);
        Assert.Equal(0.25, row.MaxRelativeError);
        Assert.Equal("1 of 3 elements differ; first [1]: ref 2 out 2.5", row.Detail);
    }
}
