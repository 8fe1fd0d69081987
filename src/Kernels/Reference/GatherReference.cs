namespace Handwriting.Kernels.Reference;

/// <summary>
/// Assembles a batch: destination row r is source row indices[r].
/// source is (SourceRows, Width), indices is (Rows), destination is (Rows, Width); labels work
/// the same with Width = 1. Unlike the kernel, the reference checks every index.
/// The reference for <see cref="Gather"/>.
/// </summary>
public static class GatherReference
{
    public static void Rows(double[] source, int[] indices, double[] destination, int rows, int width)
    {
        Require.Positive(rows, nameof(rows));
        Require.Positive(width, nameof(width));
        ArgumentNullException.ThrowIfNull(source);
        Require.Length(indices, rows, nameof(indices), $"({rows})");
        Require.Length(destination, (long)rows * width, nameof(destination), $"({rows}, {width})");
        if (source.Length % width != 0)
        {
            throw new ArgumentException($"source has {source.Length} elements, not a whole number of rows of {width}", nameof(source));
        }

        Require.Indices(indices, source.Length / width, nameof(indices));

        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < width; c++)
            {
                destination[r * width + c] = source[indices[r] * width + c];
            }
        }
    }

    public static void Labels(int[] source, int[] indices, int[] destination, int rows)
    {
        Require.Positive(rows, nameof(rows));
        ArgumentNullException.ThrowIfNull(source);
        Require.Length(indices, rows, nameof(indices), $"({rows})");
        Require.Length(destination, rows, nameof(destination), $"({rows})");
        Require.Indices(indices, source.Length, nameof(indices));

        for (int r = 0; r < rows; r++)
        {
            destination[r] = source[indices[r]];
        }
    }
}
