using System.Runtime.InteropServices;

namespace Handwriting.Training.IO;

/// <summary>
/// Turns the first Ctrl+C (SIGINT) or SIGTERM into a cancelled token instead of the process's
/// end, so that work in progress can stop cleanly: `train` at a step boundary with a checkpoint,
/// the MNIST fetch by removing what it had downloaded. SIGTERM is what `docker stop`, systemd,
/// Kubernetes and Slurm send before they kill: a preempted run must lose nothing. A second
/// signal, once the token is cancelled, is left to its default: it ends the process at once.
/// Several listeners may be active at once (train's and the fetch's); each receives the signal.
/// </summary>
public sealed class StopSignal : IDisposable
{
    private const int SigInt = 2;
    private const int SigTerm = 15;

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration _interrupt;
    private readonly PosixSignalRegistration _terminate;
    private PosixSignal? _received;

    private StopSignal()
    {
        _interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _cancel.Token;

    /// <summary>What shells report for a process ended by the signal received: 128 + its number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => 128 + (_received == PosixSignal.SIGTERM ? SigTerm : SigInt);

    /// <summary>"interrupted" (Ctrl+C) or "terminated by SIGTERM", to start the one line the user sees.</summary>
    public string Stopped => _received == PosixSignal.SIGTERM ? "terminated by SIGTERM" : "interrupted";

    public static StopSignal Listen() => new();

    public void Dispose()
    {
        _interrupt.Dispose();
        _terminate.Dispose();
        _cancel.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (!_cancel.IsCancellationRequested)
        {
            _received = context.Signal;
            context.Cancel = true;
            _cancel.Cancel();
        }
    }
}
