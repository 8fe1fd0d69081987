namespace Handwriting.Kernels.Devices;

/// <summary>Which accelerator to run on. <see cref="Auto"/> takes CUDA, then an OpenCL device other than the host CPU, then the CPU accelerator.</summary>
public enum AcceleratorKind
{
    Auto,
    Cuda,
    OpenCL,
    Cpu,
}

/// <summary>How accelerator kinds are written for people: as the --accelerator option takes them.</summary>
public static class AcceleratorKinds
{
    /// <summary>"auto", "cuda", "opencl" or "cpu".</summary>
    public static string Name(this AcceleratorKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Reads a name as <see cref="Name"/> writes it, in any case; numbers are refused (Enum.TryParse would take "2").</summary>
    public static bool TryParse(string text, out AcceleratorKind kind) =>
        Enum.TryParse(text, ignoreCase: true, out kind) && !int.TryParse(text, out _);
}
