using Handwriting.Kernels.Checks;

namespace Handwriting.Tests.Shared;

/// <summary>
/// The one mixed-tolerance assert of every test project, over the one <see cref="Tolerance"/> that
/// `handwriting check` uses too: a failure names the first mismatching indices with both values
/// and the largest error (<see cref="ToleranceComparison.Report"/>).
/// </summary>
internal static class ToleranceAssert
{
    public static void AssertClose(this Tolerance tolerance, ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, string what)
    {
        var widened = new double[actual.Length];
        for (int i = 0; i < actual.Length; i++)
        {
            widened[i] = actual[i];
        }

        tolerance.AssertClose(expected, widened, what);
    }

    public static void AssertClose(this Tolerance tolerance, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            Assert.Fail($"{what}: expected {expected.Length} elements, got {actual.Length}");
        }

        var comparison = tolerance.Compare(expected, actual);
        if (!comparison.Passed)
        {
            Assert.Fail(comparison.Report(what));
        }
    }

    /// <summary>Every output of a check case within its tolerance of the reference.</summary>
    public static void AssertPasses(IReadOnlyList<CheckOutput> outputs, string what)
    {
        Assert.NotEmpty(outputs);
        foreach (var output in outputs)
        {
            output.Tolerance.AssertClose(output.Expected, output.Actual, $"{what}: {output.Name}");
        }
    }
}
