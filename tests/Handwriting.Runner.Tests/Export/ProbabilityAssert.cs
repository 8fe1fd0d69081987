using System.Globalization;

namespace Handwriting.Runner.Tests.Export;

internal static class ProbabilityAssert
{
    /// <summary>
    /// Every probability within <paramref name="tolerance"/> of the expected one; a failure names the
    /// first mismatching (row, class) pairs and the largest error.
    /// </summary>
    public static void Close(float[] expected, float[] actual, int classes, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        double largest = 0;
        var mismatches = new List<string>();
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs((double)expected[i] - actual[i]);
            largest = Math.Max(largest, double.IsNaN(error) ? double.PositiveInfinity : error);
            if (!(error <= tolerance) && mismatches.Count < 5)
            {
                mismatches.Add(string.Create(CultureInfo.InvariantCulture, $"row {i / classes} class {i % classes}: expected {expected[i]:R}, got {actual[i]:R}"));
            }
        }

        Assert.True(
            mismatches.Count == 0,
            string.Create(CultureInfo.InvariantCulture, $"largest error {largest:G3} > {tolerance:G3}; first mismatches: {string.Join("; ", mismatches)}"));
    }
}
