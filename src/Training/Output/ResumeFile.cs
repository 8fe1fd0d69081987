using System.Text.Json;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.IO;

namespace Handwriting.Training.Output;

/// <summary>
/// resume.json, written beside checkpoint.bin when `train` is interrupted: the training options
/// of the run and the accelerator it trained on, so that `train --resume DIR` continues it under
/// exactly the same settings on the same kind of device (a run resumed elsewhere would still
/// train, but no longer bit for bit as the uninterrupted run).
/// </summary>
public sealed record ResumeFile(
    int Epochs,
    int BatchSize,
    IReadOnlyList<int> Hidden,
    float Dropout,
    float LearningRate,
    double ValidationSplit,
    int Seed,
    int? Limit,
    string LrSchedule = "constant",
    float WeightDecay = 0f,
    AugmentRanges? Augmentation = null,
    string Accelerator = "auto")
{
    /// <summary>The file's name in an interrupted run's folder.</summary>
    public const string Name = "resume.json";

    /// <summary>The file for a run of these options on <paramref name="accelerator"/> (the kind it opened, not Auto, so that a resume does not pick another).</summary>
    public static ResumeFile From(TrainingOptions options, AcceleratorKind accelerator = AcceleratorKind.Auto) => new(
        options.Epochs, options.BatchSize, options.Hidden, options.DropoutRate, options.Adam.LearningRate, options.ValidationSplit, options.Seed, options.Limit,
        options.Schedule.Name(), options.Adam.WeightDecay, options.Augmentation, accelerator.Name());

    /// <summary>The accelerator the interrupted run trained on; Auto for a file written before it was recorded. Read after <see cref="Read"/> has vouched for the file.</summary>
    public static AcceleratorKind ReadAccelerator(string path)
    {
        var file = JsonSerializer.Deserialize<ResumeFile>(File.ReadAllText(path), JsonFiles.Options);
        string name = file?.Accelerator ?? "auto";
        return AcceleratorKinds.TryParse(name, out var kind)
            ? kind
            : throw new InvalidDataException($"{path} holds invalid training options: '{name}' is not an accelerator (auto, cuda, opencl or cpu)");
    }

    /// <summary>Reads the options back; an unreadable or implausible file is an <see cref="InvalidDataException"/> naming it.</summary>
    public static TrainingOptions Read(string path)
    {
        ResumeFile? file;
        if (FileStatus.WhyNotReadable(path) is string why)
        {
            throw new InvalidDataException($"{path} {why}");
        }

        try
        {
            file = JsonSerializer.Deserialize<ResumeFile>(File.ReadAllText(path), JsonFiles.Options);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{path} does not exist: the folder holds no interrupted run to resume", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path} is not a valid resume file: {e.Message}", e);
        }

        if (file?.Hidden is null)
        {
            throw new InvalidDataException($"{path} is not a valid resume file: it lacks the training options");
        }

        if (!LearningRateSchedules.TryParse(file.LrSchedule, out var schedule))
        {
            throw new InvalidDataException($"{path} holds invalid training options: '{file.LrSchedule}' is not a learning-rate schedule");
        }

        var options = new TrainingOptions
        {
            Epochs = file.Epochs,
            BatchSize = file.BatchSize,
            Hidden = file.Hidden,
            DropoutRate = file.Dropout,
            Adam = new AdamSettings(file.LearningRate, WeightDecay: file.WeightDecay),
            Schedule = schedule,
            ValidationSplit = file.ValidationSplit,
            Seed = file.Seed,
            Limit = file.Limit,
            Augmentation = file.Augmentation,
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException invalid)
        {
            throw new InvalidDataException($"{path} holds invalid training options: {invalid.Message}", invalid);
        }

        return options;
    }

    /// <summary>Writes the file atomically (see <see cref="AtomicFile"/>).</summary>
    public void Write(string path) => AtomicFile.Write(path, stream => JsonSerializer.Serialize(stream, this, JsonFiles.Options));
}
