using System.Globalization;
using System.Text;

namespace Handwriting.Tests.Shared;

/// <summary>
/// llm.c's mixed tolerance: an output passes when |ref - out| &lt;= Absolute + Relative * |ref|.
/// NaN matches only NaN and an infinity only the same infinity, so an output the kernel never
/// wrote (the tests fill outputs with NaN first) always fails. A failure names the first
/// mismatching indices with both values and the largest error. The one mixed-tolerance assert of
/// every test project: kernels against their references, whole training steps against the
/// float64 network.
/// </summary>
internal readonly record struct Tolerance(double Absolute, double Relative)
{
    private const int MismatchesShown = 8;

    /// <summary>Bit-for-bit (up to float to double widening): for copies, selections and counts.</summary>
    public static Tolerance Exact => new(0, 0);

    public bool IsClose(double expected, double actual)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }

        return Math.Abs(expected - actual) <= Absolute + Relative * Math.Abs(expected);
    }

    public void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, string what)
    {
        var widened = new double[actual.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            widened[i] = actual[i];
        }

        AssertClose(expected, widened, what);
    }

    public void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            Assert.Fail($"{what}: expected {expected.Length} elements, got {actual.Length}");
        }

        var report = new StringBuilder();
        int mismatches = 0;
        int worst = -1;
        double worstError = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = ErrorOf(expected[i], actual[i]);
            if (error > worstError)
            {
                worstError = error;
                worst = i;
            }

            if (!IsClose(expected[i], actual[i]))
            {
                if (mismatches < MismatchesShown)
                {
                    report.AppendLine(CultureInfo.InvariantCulture, $"  [{i}] ref {Show(expected[i])} out {Show(actual[i])} error {Show(error)}");
                }

                mismatches++;
            }
        }

        if (mismatches > 0)
        {
            Assert.Fail(
                string.Create(CultureInfo.InvariantCulture, $"{what}: {mismatches} of {expected.Length} elements fail |ref - out| <= {Absolute:G3} + {Relative:G3} * |ref|{Environment.NewLine}")
                + report
                + string.Create(CultureInfo.InvariantCulture, $"  largest error {Show(worstError)} at [{worst}]: ref {Show(expected[worst])} out {Show(actual[worst])}"));
        }
    }

    /// <summary>|ref - out|, zero where NaN meets NaN or an infinity itself, infinite where only one side is finite.</summary>
    private static double ErrorOf(double expected, double actual)
    {
        if ((double.IsNaN(expected) && double.IsNaN(actual)) || (double.IsInfinity(expected) && expected == actual))
        {
            return 0;
        }

        double error = Math.Abs(expected - actual);
        return double.IsFinite(error) ? error : double.PositiveInfinity;
    }

    private static string Show(double value) => value.ToString("G9", CultureInfo.InvariantCulture);
}
