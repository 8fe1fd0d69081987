using ILGPU;

namespace Handwriting.Kernels;

/// <summary>The check shared by the kernels that read their input rows directly or through row indices.</summary>
internal static class RequireInput
{
    /// <summary>Without indices a is exactly (m, k); with them, rows is (m) and a is whole rows of k.</summary>
    public static void Rows(ArrayView<float> a, ArrayView<int> rows, int m, int k)
    {
        if (rows.Length == 0)
        {
            Require.Length(a, (long)m * k, nameof(a), $"({m}, {k})");
            return;
        }

        Require.Length(rows, m, nameof(rows), $"({m})");
        Require.WholeRows(a, k, nameof(a), $"rows of {k}");
    }
}
