namespace Handwriting.Kernels.Devices;

/// <summary>The requested accelerator kind is not present; the message names what is.</summary>
public sealed class DeviceNotFoundException : Exception
{
    public DeviceNotFoundException(string message)
        : base(message)
    {
    }

    public DeviceNotFoundException()
    {
    }

    public DeviceNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
