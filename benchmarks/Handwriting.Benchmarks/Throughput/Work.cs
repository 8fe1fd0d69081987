namespace Handwriting.Benchmarks.Throughput;

/// <summary>
/// What one invocation of a benchmark does: floating-point operations (a matmul's 2·M·K·N) or
/// bytes read plus written by the float32 kernel. Zero means "not measured in this unit".
/// The float64 baseline of an op is credited the same work as its kernel, so its GFLOP/s or
/// GB/s is an effective rate that reads on the same scale (its real traffic is twice as many bytes).
/// </summary>
public readonly record struct Work(double Flops, double Bytes)
{
    public static Work None => default;

    /// <summary>C (M x N) = A (M x K) . B (K x N): one multiply and one add per term.</summary>
    public static Work MatMul(long m, long k, long n) => new(2.0 * m * k * n, 0);

    /// <summary>Bytes moved, counted in float32/int32 elements of 4 bytes each.</summary>
    public static Work Elements(long read, long written) => new(0, 4.0 * (read + written));
}
