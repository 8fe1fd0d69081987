using System.Reflection;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Devices;

/// <summary>
/// Builds every kernel of this assembly (each method marked <see cref="KernelAttribute"/>) on an
/// accelerator, as a proof that the device's compiler accepts all of them. Used before trusting an
/// OpenCL device that ILGPU would refuse on a capability our kernels do not use
/// (<see cref="OpenCLDevices"/>).
/// </summary>
public static class KernelBuildCheck
{
    private const BindingFlags AllStatic = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Every [Kernel] method of Handwriting.Kernels, by "Type.Method", in name order.</summary>
    public static IReadOnlyList<MethodInfo> Kernels { get; } =
        typeof(KernelAttribute).Assembly.GetTypes()
            .SelectMany(type => type.GetMethods(AllStatic))
            .Where(method => method.GetCustomAttribute<KernelAttribute>() is not null)
            .OrderBy(NameOf, StringComparer.Ordinal)
            .ToList();

    public static string NameOf(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return $"{method.DeclaringType!.Name}.{method.Name}";
    }

    /// <summary>
    /// Compiles and loads every kernel on <paramref name="accelerator"/> (for OpenCL: the device
    /// compiler builds the program). Throws <see cref="NotSupportedException"/> naming the first
    /// kernel that does not build. The kernels go to the accelerator's kernel cache, which owns
    /// them (ILGPU: such kernels must not be disposed by hand; a disposed one would be handed out
    /// again to the op that loads it next), so the ops that load them later reuse them.
    /// </summary>
    public static void BuildAll(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        foreach (var method in Kernels)
        {
            if (method.GetCustomAttribute<KernelAttribute>()!.CpuOnly)
            {
                continue; // .NET code opaque to ILGPU: never built, never loaded off the CPU (CpuOnly)
            }

            try
            {
                _ = method.GetCustomAttribute<KernelAttribute>()!.ExplicitlyGrouped
                    ? accelerator.LoadKernel(method)
                    : accelerator.LoadAutoGroupedKernel(method);
            }
            catch (Exception failure) when (failure is not OutOfMemoryException)
            {
                throw new NotSupportedException($"kernel {NameOf(method)} does not build on {accelerator.Name} ({failure.Message.ReplaceLineEndings(" ").Trim()})", failure);
            }
        }
    }
}
