using System.Runtime.InteropServices;
using ILGPU.Runtime.OpenCL;

namespace Handwriting.Kernels.Devices;

/// <summary>
/// Why this machine offers no usable OpenCL device, in words a user can act on: the error of
/// `--accelerator opencl` where there is none. ILGPU itself only lists no device.
/// </summary>
public static class OpenCLAbsence
{
    /// <summary>What ILGPU loads on Linux; Debian's ICD loader ships only libOpenCL.so.1 unless ocl-icd-opencl-dev adds this name.</summary>
    public const string Library = "libOpenCL.so";

    private const string Install = "for OpenCL on the CPU: apt-get install pocl-opencl-icd ocl-icd-opencl-dev";

    /// <summary>Why no OpenCL device is listed: the loader missing, no platform installed, or devices too old for ILGPU.</summary>
    public static string Reason()
    {
        if (!NativeLibrary.TryLoad(Library, out var handle))
        {
            return $"{Library} (the OpenCL ICD loader) cannot be loaded, so no OpenCL implementation such as PoCL can be found ({Install})";
        }

        NativeLibrary.Free(handle);
        var devices = CLDevice.GetDevices(_ => true).OfType<CLDevice>().ToList();
        if (devices.Count == 0)
        {
            return $"the OpenCL loader finds no platform with a device ({Install})";
        }

        var refused = devices.Where(device => !OpenCLDevices.Listed(device))
            .Select(device => $"{device.Name} (OpenCL C {device.CLStdVersion})");
        return $"no OpenCL device supports OpenCL C 2.0 or later, which ILGPU needs: {string.Join(", ", refused)}";
    }
}
