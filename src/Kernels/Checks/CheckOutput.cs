namespace Handwriting.Kernels.Checks;

/// <summary>One output of a kernel launch beside the reference's values for it, and the tolerance that relates them.</summary>
public sealed record CheckOutput(string Name, double[] Expected, float[] Actual, Tolerance Tolerance)
{
    /// <summary>The output held to its reference under its tolerance.</summary>
    public ToleranceComparison Compare() => Tolerance.Compare(Expected, Array.ConvertAll(Actual, x => (double)x));

    /// <summary>The table row of this output of one op's variant at one shape: the largest errors, and the first mismatch on failure.</summary>
    public CheckRow Row(string op, string variant, string shape)
    {
        if (Expected.Length != Actual.Length)
        {
            return new CheckRow(op, variant, shape, Name, double.NaN, double.NaN, Tolerance.ToString(), CheckResult.Fail, $"{Actual.Length} elements, expected {Expected.Length}");
        }

        var comparison = Compare();
        return new CheckRow(
            op, variant, shape, Name, comparison.MaxAbsoluteError, comparison.MaxRelativeError, Tolerance.ToString(), comparison.Passed ? CheckResult.Pass : CheckResult.Fail, comparison.Summary());
    }
}
