using System.Diagnostics;
using Handwriting.Training.Sessions;

namespace Handwriting.Training.Tests.Sessions;

public sealed class PhaseClockTests
{
    private static readonly long Second = Stopwatch.Frequency;

    /// <summary>Laps at made-up timestamps: each phase gets its span, compilation comes out of the lap it happened in.</summary>
    [Fact]
    public void Gives_each_lap_to_its_phase_and_counts_compilation_apart()
    {
        double compiled = 0;
        var clock = new PhaseClock(0, () => compiled);
        clock.Lap(Phase.Setup, 1 * Second);
        clock.Lap(Phase.Data, 3 * Second);
        compiled = 1.5; // ops loaded during the fit
        clock.Lap(Phase.Fit, 13 * Second);
        clock.Lap(Phase.Test, 14 * Second);
        compiled = 2.0; // one more op, loaded for a plot
        clock.Lap(Phase.Plots, 16 * Second);
        clock.Lap(Phase.Files, 17 * Second);

        // Two epochs of 4 s each, of which 3.5 s training: 1 s of validation.
        var phases = clock.Phases(0.25, [Epoch(1, 4, 3.5), Epoch(2, 4, 3.5)]);

        Assert.Equal((1.0, 2.0, 2.0), (phases.Setup, phases.Data, phases.Compilation));
        Assert.Equal((7.5, 1.0), (phases.Training, phases.Validation)); // 10 s of fit, less 1.5 s compiling, less 1 s validating
        Assert.Equal((1.0, 1.5, 1.0), (phases.Test, phases.Plots, phases.Files));
        Assert.Equal(17.25, phases.Total, 9); // the span of the laps, plus the start-up before Main
    }

    [Fact]
    public void Validation_never_exceeds_the_fit_it_was_part_of()
    {
        var clock = new PhaseClock(0, () => 0);
        clock.Lap(Phase.Fit, 2 * Second);

        var phases = clock.Phases(null, [Epoch(1, 10, 1)]);

        Assert.Equal((0.0, 2.0), (phases.Training, phases.Validation));
        Assert.Null(phases.Startup);
    }

    private static EpochMetrics Epoch(int epoch, double seconds, double trainSeconds) =>
        new(epoch, 0.3, 0.9, 0.2, 0.95, seconds, trainSeconds);
}
