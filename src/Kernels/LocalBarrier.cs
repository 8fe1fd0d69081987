using System.Reflection;
using ILGPU;
using ILGPU.Backends;
using ILGPU.Frontend;
using ILGPU.IR;
using ILGPU.IR.Intrinsics;

namespace Handwriting.Kernels;

/// <summary>
/// The barrier of the shared-memory tile kernels: every thread of the group waits here, and the
/// group's shared-memory writes before it are visible to every thread after it.
///
/// <see cref="Group.Barrier"/> does not promise the second half on OpenCL: ILGPU 1.5.3's OpenCL
/// backend writes every group barrier as `work_group_barrier(CLK_GLOBAL_MEM_FENCE)`
/// (`CLCodeGenerator.GenerateCode(Barrier)` always asks `CLInstructions.GetMemoryFenceFlags(true)`),
/// and by the OpenCL specification that fence orders global memory only, not the local memory our
/// tiles live in. oclgrind's race detector reports races in both tile kernels with it and none with
/// the local fence added (tests/Handwriting.Kernels.Tests/RaceCheck). PoCL and most GPU drivers
/// happen to fence everything at a barrier, but a conforming driver need not.
///
/// The workaround, without forking ILGPU: <see cref="Wait"/> is an intrinsic that
/// <see cref="Register"/> maps per backend, the mechanism ILGPU.Algorithms uses for its math. OpenCL
/// gets OpenCL C's own `barrier` with both fences; CUDA (`bar.sync`, which orders shared memory) and
/// the CPU accelerator get <see cref="Group.Barrier"/>. A context that was not given
/// <see cref="Register"/> refuses to compile a tile kernel instead of racing. (A branch on
/// Accelerator.CurrentType in the kernel does not do: ILGPU 1.5.3 resolves that constant after its
/// dead-code pass, so the OpenCL call would stay in the PTX as an unresolved function.)
/// </summary>
public static class LocalBarrier
{
    /// <summary>OpenCL C's CLK_LOCAL_MEM_FENCE | CLK_GLOBAL_MEM_FENCE.</summary>
    private const int LocalAndGlobalFence = 0x1 | 0x2;

    private const BindingFlags AnyStatic = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;

    /// <summary>Waits for the whole group, with shared (local) memory ordered, on every backend.</summary>
    [IntrinsicImplementation]
    public static void Wait() => Group.Barrier();

    /// <summary>Maps <see cref="Wait"/> for the OpenCL, PTX and CPU (IL) backends of contexts built by <paramref name="builder"/>.</summary>
    public static Context.Builder Register(Context.Builder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var wait = Method(nameof(Wait));
        var manager = builder.GetIntrinsicManager();
        manager.RegisterMethod(wait, new Redirect(BackendType.OpenCL, Method(nameof(WaitOnOpenCL))));
        manager.RegisterMethod(wait, new Redirect(BackendType.PTX, Method(nameof(WaitForGroup))));
        manager.RegisterMethod(wait, new Redirect(BackendType.IL, Method(nameof(WaitForGroup))));
        return builder;
    }

    private static MethodInfo Method(string name) => typeof(LocalBarrier).GetMethod(name, AnyStatic)!;

    private static void WaitForGroup() => Group.Barrier();

    private static void WaitOnOpenCL() => OpenCLBarrier(LocalAndGlobalFence);

    /// <summary>
    /// OpenCL C's built-in `barrier(flags)`: ILGPU emits a call to an [External] method by its bare
    /// name. Reached only through the OpenCL mapping of <see cref="Wait"/>; the body never runs.
    /// </summary>
    [External("barrier")]
    private static void OpenCLBarrier(int flags) =>
        throw new NotSupportedException($"barrier({flags}) exists only in OpenCL C");

    /// <summary>Compiles calls to <see cref="Wait"/> on one backend as calls to the target method.</summary>
    private sealed class Redirect(BackendType backend, MethodInfo target)
        : IntrinsicImplementation(backend, target, IntrinsicImplementationMode.Redirect)
    {
        protected override bool CanHandleBackend(Backend backend) => true;
    }
}
