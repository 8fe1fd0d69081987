using System.Globalization;

namespace Handwriting.Training.Checks;

/// <summary>Turns an output and its reference into a table row: largest errors, and the first mismatch on failure.</summary>
public static class CheckComparison
{
    public static CheckRow Compare(string op, string variant, string shape, CheckOutput output)
    {
        var tolerance = output.Tolerance;
        if (output.Expected.Length != output.Actual.Length)
        {
            return new CheckRow(op, variant, shape, output.Name, double.NaN, double.NaN, tolerance.ToString(), CheckResult.Fail,
                $"{output.Actual.Length} elements, expected {output.Expected.Length}");
        }

        double maxAbsolute = 0;
        double maxRelative = 0;
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < output.Expected.Length; i++)
        {
            double expected = output.Expected[i];
            float actual = output.Actual[i];
            double error = ErrorOf(expected, actual);
            maxAbsolute = Math.Max(maxAbsolute, error);
            if (expected != 0 && error > 0)
            {
                maxRelative = Math.Max(maxRelative, error / Math.Abs(expected));
            }

            if (!tolerance.IsClose(expected, actual))
            {
                first = mismatches == 0 ? i : first;
                mismatches++;
            }
        }

        if (mismatches == 0)
        {
            return new CheckRow(op, variant, shape, output.Name, maxAbsolute, maxRelative, tolerance.ToString(), CheckResult.Pass);
        }

        string detail = string.Create(
            CultureInfo.InvariantCulture,
            $"{mismatches} of {output.Expected.Length} elements differ; first [{first}]: ref {output.Expected[first]:G9} out {output.Actual[first]:G9}");
        return new CheckRow(op, variant, shape, output.Name, maxAbsolute, maxRelative, tolerance.ToString(), CheckResult.Fail, detail);
    }

    /// <summary>|ref - out|: zero where NaN meets NaN or an infinity itself, infinite where only one side is finite.</summary>
    private static double ErrorOf(double expected, float actual)
    {
        if ((double.IsNaN(expected) && float.IsNaN(actual)) || (double.IsInfinity(expected) && expected == actual))
        {
            return 0;
        }

        double error = Math.Abs(expected - actual);
        return double.IsFinite(error) ? error : double.PositiveInfinity;
    }
}
