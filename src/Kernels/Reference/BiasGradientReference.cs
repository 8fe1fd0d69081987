namespace Handwriting.Kernels.Reference;

/// <summary>
/// The bias gradient of a dense layer in float64: the column sums of its output gradient.
/// dy is (Rows, Columns), dbias is (Columns): dbias[j] = sum over i of dy[i, j].
/// One step of <see cref="WeightGradientReference"/>.
/// </summary>
public static class BiasGradientReference
{
    public static void Run(double[] dy, double[] dbias, int rows, int columns)
    {
        Require.Positive(rows, nameof(rows));
        Require.Positive(columns, nameof(columns));
        Require.Length(dy, (long)rows * columns, nameof(dy), $"({rows}, {columns})");
        Require.Length(dbias, columns, nameof(dbias), $"({columns})");

        for (int j = 0; j < columns; j++)
        {
            double sum = 0.0;
            for (int i = 0; i < rows; i++)
            {
                sum += dy[i * columns + j];
            }

            dbias[j] = sum;
        }
    }
}
