namespace Handwriting.Kernels;

/// <summary>
/// The dropout mask as a pure function of (seed, step, index): keep(i) = u(seed, step, i) >= p,
/// with u uniform in [0, 1). Because nothing is stored and nothing depends on thread order, a
/// kernel on any backend and the float64 reference draw exactly the same mask, and a rerun from
/// a checkpoint needs only the step number to repeat it.
/// </summary>
public static class DropoutMask
{
    /// <summary>A 32-bit hash of the three counters: three rounds of MurmurHash3's finaliser,
    /// each folding in one counter. Integer-only, so every backend computes the same bits.</summary>
    public static uint Hash(uint seed, uint step, uint index) => Mix(StepKey(seed, step) ^ index);

    /// <summary>The first two rounds of <see cref="Hash"/>, the same for every index of a step: the CPU-only SIMD epilogue computes it once and finishes <see cref="Mix"/> on a vector of indices.</summary>
    public static uint StepKey(uint seed, uint step)
    {
        uint h = Mix(seed + 0x9E3779B9u);
        return Mix(h ^ (step + 0x7F4A7C15u));
    }

    /// <summary>
    /// Uniform in [0, 1) with 24 bits: exactly representable in float and double. The 24 bits are
    /// converted through int: C# turns uint to float into IL conv.r.un, an unsigned-to-double
    /// conversion, which would make every backend emit float64 code and fail on OpenCL devices
    /// without cl_khr_fp64. Below 2^24 both conversions are exact, so the values are the same.
    /// </summary>
    public static float Uniform(uint seed, uint step, uint index) =>
        (int)(Hash(seed, step, index) >> 8) * (1.0f / 16777216.0f);

    /// <summary>Whether element <paramref name="index"/> survives dropout with rate <paramref name="rate"/>.</summary>
    public static bool Keep(uint seed, uint step, uint index, float rate) =>
        Uniform(seed, step, index) >= rate;

    /// <summary>MurmurHash3's 32-bit finaliser.</summary>
    public static uint Mix(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6Bu;
        h ^= h >> 13;
        h *= 0xC2B2AE35u;
        h ^= h >> 16;
        return h;
    }
}
