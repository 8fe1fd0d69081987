using System.Runtime.InteropServices;

namespace Handwriting.Runner.Cli;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) into a cancelled token instead of the process's end, so that
/// `train` can stop at a step boundary and write its checkpoint. A second Ctrl+C, once the token
/// is cancelled, is left to its default: it ends the process at once.
/// </summary>
public sealed class InterruptSignal : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _registration;

    private InterruptSignal()
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
    }

    public CancellationToken Token => _cancel.Token;

    public static InterruptSignal Listen() => new();

    public void Dispose()
    {
        _registration.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (!_cancel.IsCancellationRequested)
        {
            context.Cancel = true;
            _cancel.Cancel();
        }
    }
}
