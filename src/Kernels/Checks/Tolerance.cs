using System.Globalization;

namespace Handwriting.Kernels.Checks;

/// <summary>
/// How close an output must be to its reference: llm.c's mixed tolerance,
/// |ref - out| &lt;= Absolute + Relative * |ref|, or, with <see cref="Bitwise"/>, the same float
/// bits (for dropout masks and augmentation draws, which kernel and reference compute with the
/// same integer hash). NaN matches only NaN and an infinity only itself, so an output the kernel
/// never wrote (outputs start as NaN) fails. The one tolerance of `handwriting check` and of every
/// test project (whose assert, ToleranceAssert, reports a <see cref="Compare"/>).
/// </summary>
public readonly record struct Tolerance(double Absolute, double Relative, bool Bitwise = false)
{
    /// <summary>The same float bits: expected values must be floats widened to double.</summary>
    public static Tolerance Bits => new(0, 0, Bitwise: true);

    /// <summary>Equal values (up to float to double widening): for copies, selections and counts.</summary>
    public static Tolerance Exact => new(0, 0);

    /// <summary>
    /// A float32 sum of K products of values in [-1, 1] against its float64 value. Rounding errors
    /// of a K-term sum grow like sqrt(K) * 2^-24 * (the size of the partial sums, itself ~ sqrt(K)),
    /// so the absolute term scales with K; the constants leave a wide margin over what we measure
    /// while staying far below the error of a wrong index or a dropped term (~0.1 and up).
    /// </summary>
    public static Tolerance MatMul(int k) => new(1e-6 + (2e-7 * k), 1e-5);

    public bool IsClose(double expected, double actual)
    {
        if (Bitwise)
        {
            return BitConverter.SingleToInt32Bits((float)expected) == BitConverter.SingleToInt32Bits((float)actual);
        }

        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return expected == actual;
        }

        return Math.Abs(expected - actual) <= Absolute + (Relative * Math.Abs(expected));
    }

    /// <summary>Every element of <paramref name="actual"/> against its reference: the largest errors and the mismatches.</summary>
    public ToleranceComparison Compare(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual) => ToleranceComparison.Of(this, expected, actual);

    /// <summary>"bits", "exact" or "1E-06 + 1E-05|ref|", as the table shows it.</summary>
    public override string ToString() =>
        Bitwise ? "bits"
        : Absolute == 0 && Relative == 0 ? "exact"
        : string.Create(CultureInfo.InvariantCulture, $"{Absolute:0.##E+0} + {Relative:0.##E+0}|ref|");
}
