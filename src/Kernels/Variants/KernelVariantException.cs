namespace Handwriting.Kernels;

/// <summary>A variant asked of an op (or forced on a device) that cannot run there; the message is one line naming both and why.</summary>
public sealed class KernelVariantException : NotSupportedException
{
    public KernelVariantException(string message)
        : base(message)
    {
    }

    public KernelVariantException()
    {
    }

    public KernelVariantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
