using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// Argument checks, one wording for the kernels' launchers and the float64 references: a wrong
/// shape is an <see cref="ArgumentException"/> that names the argument, raised before anything is
/// launched or written (a kernel cannot throw, so a wrong shape must never reach one).
/// </summary>
internal static class Require
{
    public static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }

    public static void Length<T>(ArrayView<T> view, long expected, string name, string shape)
        where T : unmanaged
    {
        if (view.Length != expected)
        {
            throw new ArgumentException($"{name} has {view.Length} elements, but its shape {shape} needs {expected}", name);
        }
    }

    public static void Length<T>(T[] array, long expected, string name, string shape)
    {
        ArgumentNullException.ThrowIfNull(array, name);
        if (array.Length != expected)
        {
            throw new ArgumentException($"{name} has {array.Length} elements, but its shape {shape} needs {expected}", name);
        }
    }

    /// <summary>The view holds whole rows of rowLength elements; <paramref name="rows"/> names them for the error ("rows of 784", "28 x 28 images").</summary>
    public static void WholeRows<T>(ArrayView<T> view, long rowLength, string name, string rows)
        where T : unmanaged
    {
        if (view.Length % rowLength != 0)
        {
            throw new ArgumentException($"{name} has {view.Length} elements, not a whole number of {rows}", name);
        }
    }

    public static void Rate(float rate, string name)
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(name, rate, $"{name} must be in [0, 1)");
        }
    }

    /// <summary>Every index lies in [0, bound): the references check what the kernels must trust their callers for.</summary>
    public static void Indices(int[] indices, int bound, string name)
    {
        for (int i = 0; i < indices.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= bound)
            {
                throw new ArgumentOutOfRangeException(name, indices[i], $"{name}[{i}] = {indices[i]} is outside [0, {bound})");
            }
        }
    }
}
