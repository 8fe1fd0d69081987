using BenchmarkDotNet.Running;

namespace Handwriting.Benchmarks.Throughput;

/// <summary>
/// Implemented by every benchmark class, so that <see cref="ThroughputColumn"/> can turn a
/// measured mean into GFLOP/s or GB/s: the work one invocation of the case does, computed from
/// its method (or category) and its [Params].
/// </summary>
public interface IMeasuredWork
{
    static abstract Work WorkOf(BenchmarkCase benchmarkCase);
}
