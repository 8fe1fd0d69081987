using System.Globalization;

namespace Handwriting.Training.Checks;

/// <summary>
/// How close a kernel's output must be to its reference: llm.c's mixed tolerance,
/// |ref - out| &lt;= Absolute + Relative * |ref| (the kernel tests' Tolerance), or, with
/// <see cref="Bitwise"/>, the same float bits (for dropout masks and augmentation draws, which
/// kernel and reference compute with the same integer hash). NaN matches only NaN and an infinity
/// only itself, so an output the kernel never wrote (outputs start as NaN) fails.
/// </summary>
public readonly record struct CheckTolerance(double Absolute, double Relative, bool Bitwise = false)
{
    /// <summary>The same float bits: expected values must be floats widened to double.</summary>
    public static CheckTolerance Bits => new(0, 0, Bitwise: true);

    /// <summary>Equal values (up to float to double widening): for copies, selections and counts.</summary>
    public static CheckTolerance Exact => new(0, 0);

    /// <summary>
    /// A float32 sum of K products of values in [-1, 1] against its float64 value: rounding grows
    /// like sqrt(K) * 2^-24 * sqrt(K), so the absolute term scales with K (the kernel tests' MatMulTolerance).
    /// </summary>
    public static CheckTolerance MatMul(int k) => new(1e-6 + (2e-7 * k), 1e-5);

    public bool IsClose(double expected, float actual)
    {
        if (Bitwise)
        {
            return BitConverter.SingleToInt32Bits((float)expected) == BitConverter.SingleToInt32Bits(actual);
        }

        if (double.IsNaN(expected) || float.IsNaN(actual))
        {
            return double.IsNaN(expected) && float.IsNaN(actual);
        }

        if (double.IsInfinity(expected) || float.IsInfinity(actual))
        {
            return expected == actual;
        }

        return Math.Abs(expected - actual) <= Absolute + (Relative * Math.Abs(expected));
    }

    /// <summary>"bits", "exact" or "1e-06 + 1e-05|ref|", as the table shows it.</summary>
    public override string ToString() =>
        Bitwise ? "bits"
        : Absolute == 0 && Relative == 0 ? "exact"
        : string.Create(CultureInfo.InvariantCulture, $"{Absolute:0.##E+0} + {Relative:0.##E+0}|ref|");
}
