using BenchmarkDotNet.Running;

namespace Handwriting.Benchmarks.Throughput;

/// <summary>What <see cref="IMeasuredWork.WorkOf"/> implementations read from a case: a [Params] value and its category.</summary>
public static class BenchmarkCaseFacts
{
    public static int IntParameter(this BenchmarkCase benchmarkCase, string name) =>
        benchmarkCase.Parameters[name] is int value
            ? value
            : throw new ArgumentException($"{benchmarkCase.Descriptor.DisplayInfo} has no int parameter {name}", nameof(name));

    public static bool InCategory(this BenchmarkCase benchmarkCase, string category) =>
        benchmarkCase.Descriptor.Categories.Contains(category);
}
