using System.Globalization;

namespace Handwriting.Kernels.Checks;

/// <summary>
/// An output held to its reference under a <see cref="Tolerance"/>: the largest absolute and
/// relative errors, where the largest error is, how many elements fail and the first few of them
/// (what a check row and a failed test both report).
/// </summary>
public sealed record ToleranceComparison(
    Tolerance Tolerance,
    int Count,
    int Mismatches,
    IReadOnlyList<(int Index, double Expected, double Actual)> FirstMismatches,
    double MaxAbsoluteError,
    double MaxRelativeError,
    (int Index, double Expected, double Actual) Worst)
{
    /// <summary>How many mismatches are kept to be named.</summary>
    public const int MismatchesShown = 8;

    public bool Passed => Mismatches == 0;

    internal static ToleranceComparison Of(Tolerance tolerance, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException($"{actual.Length} elements, expected {expected.Length}", nameof(actual));
        }

        double maxAbsolute = 0;
        double maxRelative = 0;
        int worst = -1;
        double worstError = -1;
        int mismatches = 0;
        var shown = new List<(int, double, double)>();
        for (int i = 0; i < expected.Length; i++)
        {
            double error = ErrorOf(expected[i], actual[i]);
            maxAbsolute = Math.Max(maxAbsolute, error);
            if (expected[i] != 0 && error > 0)
            {
                maxRelative = Math.Max(maxRelative, error / Math.Abs(expected[i]));
            }

            if (error > worstError)
            {
                worstError = error;
                worst = i;
            }

            if (!tolerance.IsClose(expected[i], actual[i]))
            {
                if (mismatches++ < MismatchesShown)
                {
                    shown.Add((i, expected[i], actual[i]));
                }
            }
        }

        var worstElement = worst < 0 ? (-1, double.NaN, double.NaN) : (worst, expected[worst], actual[worst]);
        return new(tolerance, expected.Length, mismatches, shown, maxAbsolute, maxRelative, worstElement);
    }

    /// <summary>"2 of 4 elements differ; first [1]: ref 2 out NaN": the check table's detail.</summary>
    public string Summary() =>
        Passed ? "" : string.Create(CultureInfo.InvariantCulture, $"{Mismatches} of {Count} elements differ; first [{FirstMismatches[0].Index}]: ref {Show(FirstMismatches[0].Expected)} out {Show(FirstMismatches[0].Actual)}");

    /// <summary>Every mismatch kept, each with both values and its error, and the largest error: a failed test's message.</summary>
    public string Report(string what)
    {
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"{what}: {Mismatches} of {Count} elements fail |ref - out| <= {Tolerance}"),
        };
        lines.AddRange(FirstMismatches.Select(m => string.Create(CultureInfo.InvariantCulture, $"  [{m.Index}] ref {Show(m.Expected)} out {Show(m.Actual)} error {Show(ErrorOf(m.Expected, m.Actual))}")));
        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  largest error {Show(MaxAbsoluteError)} at [{Worst.Index}]: ref {Show(Worst.Expected)} out {Show(Worst.Actual)}"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>|ref - out|: zero where NaN meets NaN or an infinity itself, infinite where only one side is finite.</summary>
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
