using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Runtime.Cuda;

namespace Handwriting.Kernels.Tests.Portability;

/// <summary>
/// Every kernel compiles, on a machine with no GPU, to PTX for sm_75, sm_80 and sm_90 and to
/// OpenCL C 2.0 that clang-14 accepts. The CPU accelerator runs kernels as .NET code, so without
/// this a kernel that only a GPU backend chokes on would pass every other test here.
/// CPU-only kernels (<see cref="KernelCatalog.CpuOnly"/>) are not compiled: they are checked to be
/// marked as such, opaque to ILGPU, and refused by the GPU backends.
/// </summary>
public sealed class KernelPortabilityTests(OfflineBackends backends) : IClassFixture<OfflineBackends>
{
    /// <summary>The kernels of the ops in <see cref="DeviceOps"/>, and no others; a missing [Kernel] makes one disappear from the catalog.</summary>
    private static readonly string[] ExpectedKernels =
    [
        "Adam.Kernel",
        "Augment.Kernel",
        "AugmentDrawProbe.Kernel", // `check`'s probe of the augmentation draws (src/Kernels/Checks)
        "DenseForwardKernel.Kernel",
        "DenseForwardTiledKernel.Kernel",
        "Gather.LabelsKernel",
        "InputGradient.Kernel",
        "MetricSums.FinalKernel",
        "MetricSums.PartialKernel",
        "SoftmaxCrossEntropy.Kernel",
        "PixelBatch.Kernel",
        "WeightGradientKernel.Kernel",
        "WeightGradientTiledKernel.Kernel",
    ];

    /// <summary>The CPU-only kernels: each op's SIMD variant and the fused training step.</summary>
    private static readonly string[] ExpectedCpuOnlyKernels =
    [
        "AdamSimd.Kernel",
        "CpuTrainingStep.Kernel",
        "DenseForwardSimd.Kernel",
        "InputGradientSimd.Kernel",
        "PixelBatchSimd.Kernel",
        "SoftmaxCrossEntropySimd.Kernel",
        "WeightGradientSimd.Kernel",
    ];

    public static TheoryData<string> CpuOnlyKernels() => KernelCatalog.CpuOnlyNames();

    public static TheoryData<string> Kernels() => KernelCatalog.Names();

    [Fact]
    public void Every_expected_kernel_is_marked()
    {
        Assert.All(ExpectedKernels, name => Assert.True(KernelCatalog.All.ContainsKey(name), $"{name} has no [Kernel] attribute"));

        // Exactly the live kernels: one the ops no longer launch is retired, not left to compile.
        Assert.Equal(ExpectedKernels.Order(StringComparer.Ordinal), KernelCatalog.Portable.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(ExpectedCpuOnlyKernels.Order(StringComparer.Ordinal), KernelCatalog.CpuOnly.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A CPU-only kernel hands its work to a body marked [ILGPU.Frontend.External], which ILGPU
    /// does not compile (the CPU accelerator calls it as .NET code); a portable kernel calls none,
    /// or a GPU would get a call it cannot resolve.
    /// </summary>
    [Fact]
    public void Exactly_the_cpu_only_kernels_call_an_external_body()
    {
        Assert.All(KernelCatalog.CpuOnly, kernel => Assert.True(CallsExternal(kernel.Value), $"{kernel.Key} is CPU-only but calls no [External] body"));
        Assert.All(KernelCatalog.Portable, kernel => Assert.False(CallsExternal(kernel.Value), $"{kernel.Key} is portable but calls an [External] method"));
    }

    /// <summary>What would happen if a GPU loaded a CPU-only kernel: the PTX backend cannot compile its external body.</summary>
    [Theory]
    [MemberData(nameof(CpuOnlyKernels))]
    public void A_cpu_only_kernel_does_not_compile_to_ptx(string kernel) =>
        Assert.ThrowsAny<Exception>(() => backends.CompileToPtx(KernelCatalog.CpuOnly[kernel]).ToList());

    /// <summary>The OpenCL backend writes a call to a function it never declares, which an OpenCL compiler (clang here) rejects.</summary>
    [Theory]
    [MemberData(nameof(CpuOnlyKernels))]
    public void A_cpu_only_kernel_does_not_compile_to_valid_opencl_c(string kernel)
    {
        string source;
        try
        {
            source = backends.CompileToOpenCL(KernelCatalog.CpuOnly[kernel]);
        }
        catch (Exception failure) when (failure is not OutOfMemoryException)
        {
            return; // ILGPU refused it outright: as good as clang refusing it.
        }

        Assert.False(OpenCLSyntaxCheck.Check(source).Accepted, $"clang accepted the OpenCL C of CPU-only {kernel}");
    }

    /// <summary>An implicitly grouped kernel takes its index first: any such method without [Kernel] would escape these tests.</summary>
    [Fact]
    public void Every_method_shaped_like_a_kernel_is_marked()
    {
        var unmarked = KernelCatalog.StaticMethods()
            .Where(method => method.ReturnType == typeof(void)
                && method.GetParameters() is [var first, ..]
                && first.ParameterType.Namespace == typeof(Index1D).Namespace
                && first.ParameterType.Name is nameof(Index1D) or nameof(Index2D) or nameof(Index3D) or nameof(LongIndex1D) or nameof(LongIndex2D) or nameof(LongIndex3D)
                && method.GetCustomAttribute<KernelAttribute>() is null)
            .Select(KernelCatalog.NameOf);
        Assert.Empty(unmarked);
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Compiles_to_ptx_for_turing_ampere_and_hopper(string kernel)
    {
        foreach (var (architecture, version, assembly) in backends.CompileToPtx(KernelCatalog.All[kernel]))
        {
            Assert.Contains($".version {version}", assembly, StringComparison.Ordinal);
            Assert.Contains(".entry ", assembly, StringComparison.Ordinal);

            // ILGPU targets the oldest architecture that has every feature the code uses (sm_80
            // for an sm_90 backend here); PTX runs on that architecture and every newer one.
            var target = Regex.Match(assembly, @"^\.target sm_(\d)(\d+)", RegexOptions.Multiline);
            Assert.True(target.Success, $"no .target line in the PTX of {kernel}");
            var targeted = new CudaArchitecture(int.Parse(target.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(target.Groups[2].Value, CultureInfo.InvariantCulture));
            Assert.True(targeted <= architecture, $"{kernel} compiled for {architecture} targets {targeted}");
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Compiles_to_opencl_c_that_clang_accepts(string kernel)
    {
        string source = backends.CompileToOpenCL(KernelCatalog.All[kernel]);
        Assert.Contains("kernel void", source, StringComparison.Ordinal);
        OpenCLSyntaxCheck.AssertAccepted(source, kernel);
    }

    /// <summary>
    /// The check has teeth: ILGPU 1.5.3 turns MathF.FusedMultiplyAdd into a call to an undeclared
    /// FusedMultiplyAdd in OpenCL C (ILGPU 1.5.3 declares none), and clang must reject it.
    /// </summary>
    [Fact]
    public void The_clang_check_rejects_ilgpus_known_fused_multiply_add_bug()
    {
        string source = backends.CompileToOpenCL(typeof(KernelPortabilityTests).GetMethod(nameof(FusedMultiplyAddKernel), BindingFlags.NonPublic | BindingFlags.Static)!);
        var (accepted, diagnostics) = OpenCLSyntaxCheck.Check(source);
        Assert.False(accepted, "clang accepted OpenCL C that calls an undeclared FusedMultiplyAdd");
        Assert.Contains("FusedMultiplyAdd", diagnostics, StringComparison.Ordinal);
    }

    /// <summary>Whether the method's IL calls a method marked [ILGPU.Frontend.External].</summary>
    private static bool CallsExternal(MethodInfo method)
    {
        const byte call = 0x28;
        byte[] il = method.GetMethodBody()!.GetILAsByteArray()!;
        for (int i = 0; i + 4 < il.Length; i++)
        {
            if (il[i] != call)
            {
                continue;
            }

            try
            {
                var callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, i + 1), method.DeclaringType!.GetGenericArguments(), method.GetGenericArguments());
                if (callee?.GetCustomAttribute<ILGPU.Frontend.ExternalAttribute>() is not null)
                {
                    return true;
                }
            }
            catch (ArgumentException)
            {
                // A 0x28 byte inside another instruction's operand, not a call.
            }
        }

        return false;
    }

    private static void FusedMultiplyAddKernel(Index1D index, ArrayView<float> data) =>
        data[index] = MathF.FusedMultiplyAdd(data[index], 2f, 1f);
}
