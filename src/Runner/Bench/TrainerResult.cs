using Handwriting.Training.Output;

namespace Handwriting.Runner.Bench;

/// <summary>
/// One row of the end-to-end comparison. Figures a trainer could not give are null.
/// <paramref name="Configuration"/> names a peer's setting (threads, BLAS) where it ran in more
/// than one, <paramref name="BlasLibraries"/> the BLAS libraries it had loaded; <paramref name="Phases"/>
/// is where our `train` process's time went, from its metrics.json; <paramref name="PeakResidentBytes"/>
/// the whole process's peak resident set, read from outside while it ran (<see cref="ChildProcess"/>), null
/// where it could not be.
/// </summary>
public sealed record TrainerResult(
    string Trainer,
    string Accelerator,
    int BatchSize,
    int Epochs,
    double? TrainImagesPerSecond,
    double? WallSeconds,
    double? InferenceImagesPerSecond,
    double? TestAccuracy,
    string Note,
    string? Configuration = null,
    RunPhases? Phases = null,
    string? BlasLibraries = null,
    long? PeakResidentBytes = null)
{
    /// <summary>True for a PyTorch row, the peer every ratio is taken against.</summary>
    public bool IsPeer => Trainer.StartsWith("PyTorch", StringComparison.Ordinal);

    /// <summary>The peak resident set in MiB, or null.</summary>
    public double? PeakResidentMiB => PeakResidentBytes / (1024.0 * 1024.0);

    /// <summary>True for our trainer's row.</summary>
    public bool IsOurs => Trainer == "handwriting";
}
