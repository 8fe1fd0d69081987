namespace Handwriting.Kernels.Checks;

/// <summary>Seeded inputs for the cases: the kernel gets the floats, the reference the same values widened to double.</summary>
public static class CheckInputs
{
    /// <summary>Uniform in [low, high).</summary>
    public static float[] Floats(Random random, long count, float low = -1f, float high = 1f)
    {
        var values = new float[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = low + ((high - low) * random.NextSingle());
        }

        return values;
    }

    /// <summary>Uniform in [0, bound).</summary>
    public static int[] Ints(Random random, int count, int bound)
    {
        var values = new int[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.Next(bound);
        }

        return values;
    }

    /// <summary>Like MNIST's pixel bytes: 60% zeros (paper), the rest uniform in 1..255.</summary>
    public static byte[] Pixels(Random random, long count)
    {
        var values = new byte[count];
        for (long i = 0; i < count; i++)
        {
            values[i] = random.NextDouble() < 0.6 ? (byte)0 : (byte)random.Next(1, 256);
        }

        return values;
    }

    public static double[] Widen(float[] values) => Array.ConvertAll(values, x => (double)x);

    /// <summary>A generator seeded by the case's name, so every case draws its own inputs and a rerun the same ones.</summary>
    public static Random For(string caseName)
    {
        uint hash = 2166136261u; // FNV-1a: string.GetHashCode differs from run to run
        foreach (char c in caseName)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return new Random(unchecked((int)hash));
    }
}
