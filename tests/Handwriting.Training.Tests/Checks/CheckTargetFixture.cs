using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Checks;
using Handwriting.Training.Checks;

namespace Handwriting.Training.Tests.Checks;

/// <summary>
/// One <see cref="CheckTarget"/> per accelerator kind, opened on first use and shared by the
/// test class: opening a device and compiling its kernels costs far more than most cases.
/// </summary>
public sealed class CheckTargetFixture : IDisposable
{
    private readonly Dictionary<AcceleratorKind, (ComputeDevice Device, CheckTarget Target)> _open = [];

    public CheckTarget For(AcceleratorKind kind)
    {
        lock (_open)
        {
            if (!_open.TryGetValue(kind, out var entry))
            {
                var device = ComputeDevice.Open(kind);
                entry = (device, new CheckTarget(device));
                _open[kind] = entry;
            }

            return entry.Target;
        }
    }

    public void Dispose()
    {
        foreach (var (device, target) in _open.Values)
        {
            target.Dispose();
            device.Dispose();
        }

        _open.Clear();
    }
}
