using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Backends.EntryPoints;
using ILGPU.Backends.OpenCL;
using ILGPU.Backends.PTX;
using ILGPU.Runtime;
using ILGPU.Runtime.Cuda;
using ILGPU.Runtime.OpenCL;

namespace Handwriting.Kernels.Tests.Portability;

/// <summary>
/// ILGPU's PTX and OpenCL C code generators, usable with no GPU: the context has no devices, only
/// the settings our real contexts use (algorithms enabled, O2, the tile kernels' local barrier). Shared by one test class, whose
/// tests run one at a time.
/// </summary>
public sealed class OfflineBackends : IDisposable
{
    /// <summary>
    /// Turing, Ampere and Hopper, each with the oldest PTX ISA that supports it (CUDA 10.0, 11.0
    /// and 11.8), so the kernels stay loadable on the oldest driver for each.
    /// </summary>
    public static readonly (CudaArchitecture Architecture, CudaInstructionSet InstructionSet, string Version)[] CudaTargets =
    [
        (CudaArchitecture.SM_75, CudaInstructionSet.ISA_63, "6.3"),
        (CudaArchitecture.SM_80, CudaInstructionSet.ISA_70, "7.0"),
        (CudaArchitecture.SM_90, CudaInstructionSet.ISA_78, "7.8"),
    ];

    private readonly Context _context;
    private readonly PTXBackend[] _ptx;
    private readonly CLBackend _openCl;

    public OfflineBackends()
    {
        _context = Context.Create(builder => LocalBarrier.Register(builder).EnableAlgorithms().Optimize(OptimizationLevel.O2));
        _ptx = CudaTargets.Select(target => new PTXBackend(_context, target.Architecture, target.InstructionSet, null!)).ToArray();

        // The least an OpenCL 2.0 device must offer: generic address space, and no optional
        // extension (no fp16, no fp64, no 64-bit atomics, no subgroups).
        var capabilities = new CLCapabilityContext(float16: false, float64: false, genericAddressSpace: true, int64_Atomics: false, subGroups: false);
        _openCl = new CLBackend(_context, capabilities, CLDeviceVendor.Other, CLCVersion.CL20);
    }

    public IEnumerable<(CudaArchitecture Architecture, string Version, string Assembly)> CompileToPtx(MethodInfo kernel)
    {
        for (int i = 0; i < _ptx.Length; i++)
        {
            var compiled = (PTXCompiledKernel)_ptx[i].Compile(EntryPoint(kernel), new KernelSpecialization());
            yield return (CudaTargets[i].Architecture, CudaTargets[i].Version, compiled.PTXAssembly);
        }
    }

    public string CompileToOpenCL(MethodInfo kernel) => CompileToOpenCLKernel(kernel).Source;

    /// <summary>The OpenCL C of <paramref name="kernel"/> with the name of its entry function.</summary>
    public (string Name, string Source) CompileToOpenCLKernel(MethodInfo kernel)
    {
        var compiled = (CLCompiledKernel)_openCl.Compile(EntryPoint(kernel), new KernelSpecialization());
        return (compiled.Name, compiled.Source);
    }

    public void Dispose()
    {
        foreach (var backend in _ptx)
        {
            backend.Dispose();
        }

        _openCl.Dispose();
        _context.Dispose();
    }

    private static EntryPointDescription EntryPoint(MethodInfo kernel) =>
        kernel.GetCustomAttribute<KernelAttribute>() is { ExplicitlyGrouped: true }
            ? EntryPointDescription.FromExplicitlyGroupedKernel(kernel)
            : EntryPointDescription.FromImplicitlyGroupedKernel(kernel);
}
