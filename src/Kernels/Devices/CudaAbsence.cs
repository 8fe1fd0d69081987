using System.Runtime.InteropServices;

namespace Handwriting.Kernels.Devices;

/// <summary>Why this machine offers no CUDA device: the error of `--accelerator cuda` where there is none.</summary>
public static class CudaAbsence
{
    /// <summary>NVIDIA's driver library, which ILGPU's CUDA backend loads; it comes with the driver, not the toolkit.</summary>
    public const string Library = "libcuda.so";

    public static string Reason()
    {
        if (!NativeLibrary.TryLoad(Library, out var handle))
        {
            return $"{Library} cannot be loaded: no NVIDIA driver is installed";
        }

        NativeLibrary.Free(handle);
        return "the NVIDIA driver reports no CUDA device that ILGPU supports";
    }
}
