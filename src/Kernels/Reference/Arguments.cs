namespace Handwriting.Kernels.Reference;

/// <summary>
/// The reference's argument checks, worded like the kernels' own: a wrong shape is an
/// <see cref="ArgumentException"/> that names the argument, raised before anything is written.
/// </summary>
internal static class Arguments
{
    public static void Positive(int value, string name)
    {
        if (value <= 0)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
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

    public static void Rate(float rate, string name)
    {
        if (!(rate >= 0f && rate < 1f))
        {
            throw new ArgumentOutOfRangeException(name, rate, $"{name} must be in [0, 1)");
        }
    }

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
