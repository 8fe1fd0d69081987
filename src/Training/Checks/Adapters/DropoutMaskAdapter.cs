using Handwriting.Kernels;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>
/// Every call `check` makes into the dropout mask, in one place: the reference's mask (1 kept,
/// 0 dropped) is <see cref="DropoutMask.Keep"/> on the host, as DropoutReference draws it. The
/// kernels draw it inside DenseForward, so the mask is read from a forward pass whose every
/// output before dropout is 1 (K = 1, a = w = 1): an output is non-zero exactly where it was kept.
/// </summary>
internal static class DropoutMaskAdapter
{
    public static float[] KernelMask(CheckTarget target, string variant, int rows, int columns, DropoutSettings dropout)
    {
        float[] ones = new float[Math.Max(rows, columns)];
        Array.Fill(ones, 1f);
        var inputs = new DenseForwardInputs(rows, 1, columns, ones[..rows], [], ones[..columns], [], Activation.None, dropout);
        return Array.ConvertAll(DenseForwardAdapter.Kernel(target, variant, inputs), y => float.IsNaN(y) ? float.NaN : y != 0f ? 1f : 0f);
    }

    public static double[] ReferenceMask(int rows, int columns, DropoutSettings dropout)
    {
        var mask = new double[(long)rows * columns];
        for (int i = 0; i < mask.Length; i++)
        {
            mask[i] = DropoutMask.Keep(dropout.Seed, dropout.Step, (uint)i, dropout.Rate) ? 1 : 0;
        }

        return mask;
    }
}
