using System.Collections.Concurrent;
using System.Reflection;
using ILGPU;
using ILGPU.Backends.OpenCL;
using ILGPU.Runtime;
using ILGPU.Runtime.OpenCL;

namespace Handwriting.Kernels.Devices;

/// <summary>
/// Which OpenCL devices we use, and how one that lacks the generic address space is opened.
///
/// ILGPU 1.5.3's default `.OpenCL()` filter, and `CLAccelerator`'s constructor again, refuse any
/// device that does not advertise OpenCL C's generic address space. PoCL 3.1 (Debian's
/// `pocl-opencl-icd`, which runs OpenCL on the CPU) reports OpenCL 3.0 without that optional
/// feature, so ILGPU lists no device on a machine without a GPU. But ILGPU only needs the feature
/// for code that leaves a pointer's address space undecided; at <see cref="OptimizationLevel.O2"/>
/// (ours) every address space is inferred and the OpenCL C it writes never says `__generic`, so
/// the device can run our kernels (the capability changes nothing in the code ILGPU generates; it
/// is only checked). We therefore list every device whose OpenCL C ILGPU can target, and when
/// such a device lacks the capability we set that one flag (ILGPU keeps its setter internal, hence
/// reflection) and then build every kernel of ours on it (<see cref="KernelBuildCheck"/>): if a
/// single one fails to build, the device is refused with the reason and the flag is put back. No
/// other capability is touched: fp16, fp64, 64-bit atomics and subgroups stay as the device says.
/// </summary>
public static class OpenCLDevices
{
    private static readonly PropertyInfo GenericAddressSpace =
        typeof(CLCapabilityContext).GetProperty(nameof(CLCapabilityContext.GenericAddressSpace))
        ?? throw new MissingMemberException(nameof(CLCapabilityContext), nameof(CLCapabilityContext.GenericAddressSpace));

    /// <summary>The devices the catalog lists: ILGPU's own filter without its generic address space condition.</summary>
    public static bool Listed(CLDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        return device.CLStdVersion >= CLBackend.MinimumVersion;
    }

    /// <summary>
    /// Whether <paramref name="device"/> is an OpenCL device that runs on the host's CPU, as PoCL's
    /// pthread device does. `auto` passes such a device by for ILGPU's CPU accelerator: on the seed
    /// model PoCL trained 1.1 to 2.5 times slower per epoch on our 2-core machine (README, "OpenCL
    /// without a GPU"), and the CPU accelerator's results are the ones the README and CI pin.
    /// `--accelerator opencl` still takes it.
    /// </summary>
    public static bool OnHostCpu(Device device) =>
        device is CLDevice cl && cl.DeviceType == CLDeviceType.CL_DEVICE_TYPE_CPU;

    /// <summary>What `handwriting devices` says about how an OpenCL device is used.</summary>
    public static IReadOnlyList<string> Notes(Device device)
    {
        var notes = new List<string>();
        if (OnHostCpu(device))
        {
            notes.Add("runs on the host CPU: auto takes the CPU accelerator instead (faster here); use --accelerator opencl for it");
        }

        if (LacksGenericAddressSpace(device))
        {
            notes.Add("does not advertise OpenCL's generic address space, which our kernels do not use: it opens once every kernel has built on it");
        }

        return notes;
    }

    /// <summary>Whether opening <paramref name="device"/> needs the build check: it does not advertise the generic address space.</summary>
    public static bool LacksGenericAddressSpace(Device device) =>
        device is CLDevice cl && !cl.Capabilities.GenericAddressSpace;

    /// <summary>
    /// Opens any device. An OpenCL device that lacks the generic address space opens only once
    /// every kernel of ours has built on it; otherwise <see cref="NotSupportedException"/> says why.
    /// </summary>
    public static Accelerator CreateAccelerator(Context context, Device device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (!LacksGenericAddressSpace(device))
        {
            return device.CreateAccelerator(context);
        }

        var cl = (CLDevice)device;
        SetGenericAddressSpace(cl.Capabilities, true);
        Accelerator? accelerator = null;
        try
        {
            accelerator = device.CreateAccelerator(context);
            // Once per device, optimisation level and process: the same kernels built there before.
            if (Verified.TryAdd(Identity(context, cl), true))
            {
                try
                {
                    KernelBuildCheck.BuildAll(accelerator);
                }
                catch
                {
                    Verified.TryRemove(Identity(context, cl), out _);
                    throw;
                }
            }

            return accelerator;
        }
        catch (Exception failure)
        {
            accelerator?.Dispose();
            SetGenericAddressSpace(cl.Capabilities, false);
            throw new NotSupportedException($"OpenCL device {device.Name} lacks the generic address space, and our kernels could not be shown to build there: {failure.Message.ReplaceLineEndings(" ").Trim()}", failure);
        }
    }

    /// <summary>The devices that passed <see cref="KernelBuildCheck"/> in this process (benchmarks open one per case).</summary>
    private static readonly ConcurrentDictionary<string, bool> Verified = new();

    /// <summary>The device and the optimisation level, which decides whether ILGPU writes `__generic` (it does at O1).</summary>
    private static string Identity(Context context, CLDevice device) =>
        $"{device.PlatformName}|{device.Name}|{device.DeviceVersion}|{device.CVersion}|{context.Properties.OptimizationLevel}";

    private static void SetGenericAddressSpace(CLCapabilityContext capabilities, bool value) =>
        GenericAddressSpace.SetValue(capabilities, value);
}
