namespace Handwriting.Kernels.Devices;

/// <summary>Which accelerator to run on. <see cref="Auto"/> takes CUDA, then OpenCL, then the CPU.</summary>
public enum AcceleratorKind
{
    Auto,
    Cuda,
    OpenCL,
    Cpu,
}
