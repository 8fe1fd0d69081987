using System.Globalization;

namespace Handwriting.Training.Tests.Training;

/// <summary>|actual - expected| &lt;= atol + rtol * |expected| for every element; a failure names the index, both values and the largest error.</summary>
internal static class CloseTo
{
    public static void Assert(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double atol, double rtol, string what)
    {
        Xunit.Assert.Equal(expected.Length, actual.Length);
        int worst = -1;
        double worstExcess = 0;
        int failures = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            double allowed = atol + rtol * Math.Abs(expected[i]);
            if (!(error <= allowed))
            {
                failures++;
                if (worst < 0 || !(error - allowed <= worstExcess))
                {
                    worst = i;
                    worstExcess = error - allowed;
                }
            }
        }

        if (failures > 0)
        {
            Xunit.Assert.Fail(string.Create(
                CultureInfo.InvariantCulture,
                $"{what}: {failures} of {expected.Length} elements differ; worst at [{worst}]: expected {expected[worst]:R}, got {actual[worst]:R} (atol {atol}, rtol {rtol})"));
        }
    }
}
