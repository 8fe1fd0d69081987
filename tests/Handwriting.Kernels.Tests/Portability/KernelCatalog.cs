using System.Reflection;

namespace Handwriting.Kernels.Tests.Portability;

/// <summary>
/// Every method of the Handwriting.Kernels assembly marked <see cref="KernelAttribute"/>, by
/// "Type.Method": <see cref="Portable"/> ones, which the portability tests compile for PTX and
/// OpenCL, and <see cref="CpuOnly"/> ones (<c>[Kernel(CpuOnly = true)]</c>), which no GPU backend
/// can compile and which the tests instead check are refused there.
/// </summary>
public static class KernelCatalog
{
    private const BindingFlags AllStatic = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static IReadOnlyDictionary<string, MethodInfo> All { get; } =
        StaticMethods()
            .Where(method => method.GetCustomAttribute<KernelAttribute>() is not null)
            .Select(Closed)
            .ToDictionary(NameOf);

    /// <summary>The kernels every backend compiles.</summary>
    public static IReadOnlyDictionary<string, MethodInfo> Portable { get; } =
        All.Where(kernel => !IsCpuOnly(kernel.Value)).ToDictionary();

    /// <summary>The kernels only the CPU accelerator runs: bodies opaque to ILGPU, SIMD over raw pointers.</summary>
    public static IReadOnlyDictionary<string, MethodInfo> CpuOnly { get; } =
        All.Where(kernel => IsCpuOnly(kernel.Value)).ToDictionary();

    public static bool IsCpuOnly(MethodInfo kernel) => kernel.GetCustomAttribute<KernelAttribute>() is { CpuOnly: true };

    public static IEnumerable<MethodInfo> StaticMethods() =>
        typeof(KernelAttribute).Assembly.GetTypes().SelectMany(type => type.GetMethods(AllStatic));

    /// <summary>
    /// A CPU-only kernel is generic over its vector width (one instantiation per SIMD variant):
    /// the 128-bit one stands for them all, since the width changes only the opaque body.
    /// </summary>
    private static MethodInfo Closed(MethodInfo method) =>
        method.IsGenericMethodDefinition ? method.MakeGenericMethod(typeof(Handwriting.Kernels.Simd.Lanes128), typeof(System.Runtime.Intrinsics.Vector128<float>)) : method;

    public static string NameOf(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";

    /// <summary>The portable kernels' names: what the PTX, OpenCL, ptxas and oclgrind tests compile.</summary>
    public static TheoryData<string> Names() => NamesOf(Portable);

    public static TheoryData<string> CpuOnlyNames() => NamesOf(CpuOnly);

    private static TheoryData<string> NamesOf(IReadOnlyDictionary<string, MethodInfo> kernels)
    {
        var data = new TheoryData<string>();
        foreach (string name in kernels.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }
}
