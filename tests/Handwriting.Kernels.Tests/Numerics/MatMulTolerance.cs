namespace Handwriting.Kernels.Tests.Numerics;

/// <summary>
/// How far a float32 sum of K products of values in [-1, 1] may stray from its float64 value.
/// Rounding errors of a K-term sum grow like sqrt(K) * 2^-24 * (the size of the partial sums, itself
/// ~ sqrt(K)), so the absolute term scales with K; the constants leave a wide margin over what
/// we measure while staying far below the error of a wrong index or a dropped term (~0.1 and up).
/// </summary>
internal static class MatMulTolerance
{
    public static Tolerance For(int k) => new(Absolute: 1e-6 + 2e-7 * k, Relative: 1e-5);
}
