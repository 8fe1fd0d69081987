namespace Handwriting.Benchmarks.Setup;

/// <summary>
/// Seeded inputs for the benchmarks, so every run measures the same numbers. The float64
/// baselines get the same values widened with <see cref="Widen"/>.
/// </summary>
public static class RandomData
{
    /// <summary>Uniform in [min, max).</summary>
    public static float[] Uniform(int count, float min, float max, int seed)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = min + (max - min) * random.NextSingle();
        }

        return values;
    }

    /// <summary>Pixel bytes uniform in 0..255, as a dataset holds them.</summary>
    public static byte[] Bytes(int count, int seed)
    {
        var values = new byte[count];
        new Random(seed).NextBytes(values);
        return values;
    }

    /// <summary>Uniform integers in [0, bound).</summary>
    public static int[] Integers(int count, int bound, int seed)
    {
        var random = new Random(seed);
        var values = new int[count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(bound);
        }

        return values;
    }

    public static double[] Widen(float[] values) => Array.ConvertAll(values, value => (double)value);
}
