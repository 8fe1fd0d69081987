using Handwriting.Training.Model;

namespace Handwriting.Training.Checkpoints;

/// <summary>
/// Everything a <see cref="Trainer"/> needs to continue a run exactly where it stopped, at a step
/// boundary: the parameters, Adam's moments and step count, the position in the run (epoch and
/// steps done in it), the per-image losses and hits of the partial epoch (so its Keras line comes
/// out as an uninterrupted run's would) and the finished epochs' history. The shuffle is not
/// stored: the trainer's shuffles are a pure function of the seed and the epoch, so it replays
/// them. Seed, batch size and training-set size are recorded so a checkpoint is never continued
/// under other settings. Saved as <see cref="TrainingCheckpointFile"/> describes.
/// </summary>
public sealed class TrainingCheckpoint
{
    public required MlpShape Shape { get; init; }

    public required int Seed { get; init; }

    public required int BatchSize { get; init; }

    /// <summary>Images in the training set the run trains on.</summary>
    public required int TrainCount { get; init; }

    /// <summary>The epoch in progress, from 1.</summary>
    public required int Epoch { get; init; }

    /// <summary>Steps of <see cref="Epoch"/> already taken; 0 at an epoch boundary.</summary>
    public required int Step { get; init; }

    public required int AdamSteps { get; init; }

    public required IReadOnlyList<EpochMetrics> History { get; init; }

    public required float[] Parameters { get; init; }

    public required float[] AdamFirstMoments { get; init; }

    public required float[] AdamSecondMoments { get; init; }

    /// <summary>Per-image losses of the images the epoch has trained on so far, in shuffled order.</summary>
    public required float[] PartialLosses { get; init; }

    /// <summary>Per-image hits (1 or 0), as <see cref="PartialLosses"/>.</summary>
    public required float[] PartialCorrect { get; init; }

    /// <summary>Writes the checkpoint atomically (see <see cref="IO.AtomicFile"/>); the folder must exist.</summary>
    public void Save(string path) => TrainingCheckpointFile.Save(path, this);

    /// <summary>Reads and checks a checkpoint; throws <see cref="TrainingCheckpointException"/> naming the file and the problem.</summary>
    public static TrainingCheckpoint Load(string path) => TrainingCheckpointFile.Load(path);
}
