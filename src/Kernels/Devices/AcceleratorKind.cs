namespace Handwriting.Kernels.Devices;

/// <summary>Which accelerator to run on. <see cref="Auto"/> takes CUDA, then OpenCL, then the CPU.</summary>
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
}
