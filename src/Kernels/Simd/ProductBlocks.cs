namespace Handwriting.Kernels.Simd;

/// <summary>
/// The work items of an M x N product for the CPU-only bodies: blocks of <see cref="Rows"/> rows by
/// one chunk of columns (two vectors), numbered column chunk first (item = chunk x row blocks +
/// row block), so that the items a thread takes share chunks. A body visits its share once to
/// multiply (<see cref="RowBlockProduct"/>) and again for its epilogue.
/// </summary>
public readonly record struct ProductBlocks(int M, int N, int Chunk)
{
    public const int Rows = 4;

    public long RowBlocks => (M + Rows - 1) / Rows;

    public long Chunks => (N + Chunk - 1) / Chunk;

    public long Count => RowBlocks * Chunks;

    public ProductBlock this[long item]
    {
        get
        {
            int row = (int)(item % RowBlocks) * Rows;
            int column = (int)(item / RowBlocks) * Chunk;
            return new ProductBlock(row, Math.Min(Rows, M - row), column, Math.Min(column + Chunk, N));
        }
    }

    /// <summary>The first item of the next column chunk after <paramref name="item"/>'s.</summary>
    public long EndOfChunk(long item) => ((item / RowBlocks) + 1) * RowBlocks;
}

/// <summary>Rows [Row, Row + RowCount) and columns [Column, ColumnEnd) of a product.</summary>
public readonly record struct ProductBlock(int Row, int RowCount, int Column, int ColumnEnd);
