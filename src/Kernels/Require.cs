using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>Argument checks made before a launch: a kernel cannot throw, so a wrong shape must never reach one.</summary>
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
}
