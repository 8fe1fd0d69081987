using System.Globalization;

namespace Handwriting.Runner.Display;

/// <summary>Class probabilities as people read them: `0: 0.0001  1: 0.0000 ... 7: 0.9986`.</summary>
public static class ProbabilityText
{
    public static string Format(IReadOnlyList<float> probabilities) =>
        string.Join("  ", probabilities.Select((p, digit) => string.Create(CultureInfo.InvariantCulture, $"{digit}: {p:F4}")));

    /// <summary>The top <paramref name="count"/> digits: `7 99.2% | 3 0.5% | 2 0.1%`.</summary>
    public static string Top(IReadOnlyList<float> probabilities, int count) =>
        string.Join(" | ", probabilities
            .Select((p, digit) => (p, digit))
            .OrderByDescending(x => x.p)
            .Take(count)
            .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.digit} {x.p * 100:F1}%")));
}
