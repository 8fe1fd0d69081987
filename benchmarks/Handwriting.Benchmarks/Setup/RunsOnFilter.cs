using System.Reflection;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Running;
using Handwriting.Kernels.Devices;

namespace Handwriting.Benchmarks.Setup;

/// <summary>
/// Keeps a case only on the accelerators its method runs on: those of its
/// <see cref="RunsOnAttribute"/>, or every one for a method without one. Cases without an
/// Accelerator parameter pass.
/// </summary>
public sealed class RunsOnFilter : IFilter
{
    public bool Predicate(BenchmarkCase benchmarkCase)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        return benchmarkCase.Parameters[nameof(DeviceBenchmark.Accelerator)] is not AcceleratorKind accelerator
            || RunsOn(benchmarkCase.Descriptor.WorkloadMethod, accelerator);
    }

    public static bool RunsOn(MethodInfo method, AcceleratorKind accelerator) =>
        method.GetCustomAttribute<RunsOnAttribute>()?.Accelerators.Contains(accelerator) ?? true;

    /// <summary>
    /// The benchmark methods of these classes that run on none of the accelerators present, each
    /// with where it would run: the program says so, rather than leave the variant silently out.
    /// </summary>
    public static IEnumerable<string> RanNowhere(IEnumerable<Type> benchmarkClasses) =>
        from type in benchmarkClasses.Distinct()
        from method in type.GetMethods()
        let runsOn = method.GetCustomAttribute<RunsOnAttribute>()
        where runsOn is not null && !runsOn.Accelerators.Any(PresentAccelerators.Kinds.Contains)
        select $"{type.Name}.{method.Name} runs only on {string.Join(" or ", runsOn.Accelerators.Select(kind => kind.Name()))}, and none is present: it did not run";
}
