namespace Handwriting.Tests.Shared;

/// <summary>
/// Bit-for-bit equality of two float arrays, stricter than <see cref="Tolerance.Exact"/> (which
/// takes 0 and -0 as equal and every NaN as every other): what the CPU-only SIMD kernels promise
/// against the portable ones, and what reproducibility from a seed needs. A failure names the
/// first differing index with both values and counts the rest.
/// </summary>
internal static class SameBits
{
    public static void Assert(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            Xunit.Assert.Fail($"{what}: {actual.Length} values, expected {expected.Length}");
        }

        int first = -1, differ = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                differ++;
                first = first < 0 ? i : first;
            }
        }

        if (differ > 0)
        {
            Xunit.Assert.Fail(
                $"{what}: {differ} of {expected.Length} values differ in their bits; the first at [{first}]: expected {expected[first]:R}, got {actual[first]:R}");
        }
    }
}
