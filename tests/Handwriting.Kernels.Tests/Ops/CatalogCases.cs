using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>
/// Theory data from the one catalog (<see cref="KernelChecks"/>): an op's case names at one
/// variant, so the kernel tests check every shape `handwriting check` checks, and nothing else
/// keeps a shape list of its own.
/// </summary>
public static class CatalogCases
{
    public static TheoryData<string> Of(string op, KernelVariant variant)
    {
        var data = new TheoryData<string>();
        foreach (string name in KernelChecks.NamesOf(op, variant))
        {
            data.Add(name);
        }

        return data;
    }

    /// <summary>
    /// An op's SIMD cases at each width this machine accelerates (<see cref="SimdWidths.Accelerated"/>),
    /// the narrower ones included; wider ones .NET would emulate, exactly but slowly, and no
    /// machine runs them that way.
    /// </summary>
    public static TheoryData<string> Simd(string op)
    {
        var data = new TheoryData<string>();
        foreach (var width in SimdWidths.Accelerated)
        {
            foreach (string name in KernelChecks.NamesOf(op, KernelVariants.Of(width)))
            {
                data.Add(name);
            }
        }

        return data;
    }

    /// <summary>The name of the same op and shape at another variant.</summary>
    public static string At(string name, KernelVariant variant)
    {
        var check = KernelChecks.Named(name);
        return KernelChecks.Named($"{check.Op} {variant.Name()} {check.Shape}").Name;
    }
}
