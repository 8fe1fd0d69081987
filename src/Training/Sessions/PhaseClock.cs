using System.Diagnostics;
using Handwriting.Training.Output;

namespace Handwriting.Training.Sessions;

/// <summary>The phases of a training session that <see cref="PhaseClock"/> tells apart by laps (see <see cref="RunPhases"/>).</summary>
public enum Phase
{
    /// <summary>Before the data: options, the run folder, opening the accelerator.</summary>
    Setup,

    /// <summary>Reading MNIST, uploading it and building the trainer.</summary>
    Data,

    /// <summary>The training loop, validation included (split off by <see cref="PhaseClock.Phases"/>).</summary>
    Fit,

    /// <summary>Scoring the test set.</summary>
    Test,

    /// <summary>Drawing the plots (the observer's extra files).</summary>
    Plots,

    /// <summary>Writing model.bin and history.json.</summary>
    Files,
}

/// <summary>
/// Splits a training session (a `train` process) into the phases of metrics.json (<see cref="RunPhases"/>) by laps:
/// each <see cref="Lap(Phase)"/> gives the time since the previous one to a phase, so the phases
/// cover the whole span without gaps or overlaps. Kernel compilation is taken out of whichever
/// lap it happened in (read from the device's counters, which sum it) and counted on its own.
/// </summary>
public sealed class PhaseClock
{
    private readonly Func<double> _compiledSoFar;
    private readonly double[] _seconds = new double[Enum.GetValues<Phase>().Length];
    private long _lapStart;
    private double _compiledAtLapStart;
    private double _compilation;

    /// <param name="start">The <see cref="Stopwatch"/> timestamp the first lap counts from (Main's, when known).</param>
    /// <param name="compiledSoFar">Seconds of kernel compilation so far (0 before the device is open).</param>
    public PhaseClock(long start, Func<double> compiledSoFar)
    {
        ArgumentNullException.ThrowIfNull(compiledSoFar);
        _lapStart = start;
        _compiledSoFar = compiledSoFar;
        _compiledAtLapStart = compiledSoFar(); // a device opened earlier may have compiled before this clock started
    }

    /// <summary>Gives the time since the previous lap to <paramref name="phase"/>.</summary>
    public void Lap(Phase phase) => Lap(phase, Stopwatch.GetTimestamp());

    /// <summary>Gives the time from the previous lap to <paramref name="now"/>, compilation left out, to <paramref name="phase"/>.</summary>
    public void Lap(Phase phase, long now)
    {
        double compiled = _compiledSoFar();
        double compiledInLap = compiled - _compiledAtLapStart;
        _seconds[(int)phase] += Stopwatch.GetElapsedTime(_lapStart, now).TotalSeconds - compiledInLap;
        _compilation += compiledInLap;
        _lapStart = now;
        _compiledAtLapStart = compiled;
    }

    /// <summary>
    /// The phases so far. The fit lap is split into training and validation by the epochs this
    /// process ran (<paramref name="epochsRun"/>: each epoch's Seconds less its TrainSeconds is
    /// its validation pass).
    /// </summary>
    public RunPhases Phases(double? startup, IEnumerable<EpochMetrics> epochsRun)
    {
        ArgumentNullException.ThrowIfNull(epochsRun);
        double fit = _seconds[(int)Phase.Fit];
        double validation = Math.Clamp(epochsRun.Sum(e => e.Seconds - e.TrainSeconds), 0, Math.Max(0, fit));
        return new RunPhases(
            startup,
            _seconds[(int)Phase.Setup],
            _compilation,
            _seconds[(int)Phase.Data],
            fit - validation,
            validation,
            _seconds[(int)Phase.Test],
            _seconds[(int)Phase.Plots],
            _seconds[(int)Phase.Files]);
    }
}
