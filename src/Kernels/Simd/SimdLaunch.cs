namespace Handwriting.Kernels.Simd;

/// <summary>What every CPU-only kernel is launched with besides its data: how many threads share the work, and the vector width.</summary>
public readonly record struct SimdLaunch(int Threads, SimdWidth Width)
{
    public ThreadShare Share(int thread) => new(thread, Threads);
}
