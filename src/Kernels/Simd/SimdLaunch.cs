namespace Handwriting.Kernels.Simd;

/// <summary>What every CPU-only kernel is launched with besides its data: how many threads share the work (the vector width is the kernel's type arguments).</summary>
public readonly record struct SimdLaunch(int Threads)
{
    public ThreadShare Share(int thread) => new(thread, Threads);
}
