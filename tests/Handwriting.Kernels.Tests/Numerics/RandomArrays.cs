namespace Handwriting.Kernels.Tests.Numerics;

/// <summary>Seeded test inputs. Kernels get the float values; references get the same values widened to double.</summary>
public static class RandomArrays
{
    /// <summary>Uniform in [low, high).</summary>
    public static float[] Floats(Random random, long count, float low = -1f, float high = 1f)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = low + (high - low) * random.NextSingle();
        }

        return values;
    }

    /// <summary>Pixel bytes uniform in 0..255.</summary>
    public static byte[] Bytes(Random random, long count)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new byte[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = (byte)random.Next(256);
        }

        return values;
    }

    /// <summary>Uniform in [0, bound).</summary>
    public static int[] Ints(Random random, int count, int bound)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.Next(bound);
        }

        return values;
    }

    public static double[] Widen(float[] values) => Array.ConvertAll(values, x => (double)x);

    public static double[] Filled(long count, double value)
    {
        var values = new double[count];
        Array.Fill(values, value);
        return values;
    }

    /// <summary>A seed unique to one test and one shape, so no two cases draw the same inputs.</summary>
    public static int Seed(int test, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int seed = test;
        foreach (int extent in shape)
        {
            seed = unchecked(seed * 7919 + extent);
        }

        return seed;
    }
}
