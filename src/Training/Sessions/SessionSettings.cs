using Handwriting.Kernels.Devices;
using Handwriting.Training.Checkpoints;
using Handwriting.Training.Data;

namespace Handwriting.Training.Sessions;

/// <summary>
/// What a <see cref="TrainingSession"/> runs: the training options, where the data comes from,
/// which device trains, and where the files go. The defaults are the seed notebook's run on the
/// accelerator `train` picks, writing no files.
/// </summary>
public sealed record SessionSettings
{
    /// <summary>The model and how it trains (the seed notebook's by default).</summary>
    public TrainingOptions Training { get; init; } = TrainingPresets.Seed;

    /// <summary>The accelerator the session opens (and closes again) when no <see cref="Device"/> is given.</summary>
    public AcceleratorKind Accelerator { get; init; } = AcceleratorKind.Auto;

    /// <summary>A device the caller opened and still owns, to train on instead of opening <see cref="Accelerator"/>.</summary>
    public ComputeDevice? Device { get; init; }

    /// <summary>MNIST already read; null reads it from <see cref="DataFolder"/>.</summary>
    public MnistData? Data { get; init; }

    /// <summary>The folder of the MNIST files (fetched into it when missing); null: MNIST_DIR, then the repository's data/mnist.</summary>
    public string? DataFolder { get; init; }

    /// <summary>The run folder for model.bin, history.json and metrics.json (and checkpoint.bin with resume.json when interrupted); null writes no files.</summary>
    public string? OutputFolder { get; init; }

    /// <summary>How <see cref="OutputFolder"/> is claimed: a new folder (the default), numbered when taken, or an interrupted run's.</summary>
    public OutputFolderClaim OutputClaim { get; init; } = OutputFolderClaim.New;

    /// <summary>Where training continues from (an interruption's checkpoint); null starts afresh.</summary>
    public TrainingCheckpoint? ResumeFrom { get; init; }

    /// <summary>The <see cref="System.Diagnostics.Stopwatch"/> timestamp metrics.json's phases count from (`train` gives Main's); null: when Run is called.</summary>
    public long? PhaseClockStart { get; init; }

    /// <summary>metrics.json's phases.startup: seconds before <see cref="PhaseClockStart"/> (`train` gives process start to Main); null when unknown.</summary>
    public double? StartupSeconds { get; init; }

    /// <summary>Throws <see cref="TrainingSettingsException"/> naming the first setting that cannot be run.</summary>
    internal void Validate()
    {
        if (Training is null)
        {
            throw new TrainingSettingsException($"{nameof(Training)}: no training options given");
        }

        TrainingSettingsException.Translate(Training.Validate);
        if (Data is not null && DataFolder is not null)
        {
            throw new TrainingSettingsException($"{nameof(Data)} and {nameof(DataFolder)}: give MNIST already read or the folder to read it from, not both");
        }

        if (!Enum.IsDefined(Accelerator) || !Enum.IsDefined(OutputClaim))
        {
            throw new TrainingSettingsException($"{(Enum.IsDefined(Accelerator) ? nameof(OutputClaim) : nameof(Accelerator))}: not one of the enum's values");
        }

        if (OutputClaim != OutputFolderClaim.New && string.IsNullOrEmpty(OutputFolder))
        {
            throw new TrainingSettingsException($"{nameof(OutputClaim)} {OutputClaim}: needs an {nameof(OutputFolder)}");
        }

        if (OutputClaim == OutputFolderClaim.Interrupted && ResumeFrom is null)
        {
            throw new TrainingSettingsException($"{nameof(OutputClaim)} {OutputClaim}: needs the checkpoint to continue from ({nameof(ResumeFrom)})");
        }
    }
}
