using System.Globalization;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Output;
using Handwriting.Training;
using Handwriting.Training.Output;
using Handwriting.Training.Sessions;

namespace Handwriting.Runner.Display;

/// <summary>
/// What `train` shows of a training session: its lines on <paramref name="output"/> (the epochs
/// through a live bar on a terminal, plain lines otherwise) and its plots in the run folder.
/// <paramref name="resumed"/> is the folder of a resumed run as the user named it.
/// </summary>
public sealed class TrainConsole(TextWriter output, string? resumed) : ITrainingObserver
{
    private readonly ITrainingDisplay _display = ReferenceEquals(output, Console.Out) && LiveTrainingDisplay.IsSupported
        ? new LiveTrainingDisplay()
        : new PlainTrainingDisplay(output);

    private int _epochs;

    public TimeSpan ProgressInterval => _display.ProgressInterval;

    public void OnMessage(string message) => output.WriteLine(message);

    public void OnDeviceOpened(ComputeDevice device)
    {
        output.WriteLine($"Device: {device.Description}");
        foreach (string skipped in device.SkippedAccelerators)
        {
            output.WriteLine($"  (auto: {skipped})");
        }
    }

    public void OnTrainingStarting(TrainingPlan plan)
    {
        var options = plan.Options;
        _epochs = options.Epochs;
        output.WriteLine($"Training {plan.Shape} on {plan.TrainImages.Count} images, validating on {plan.ValidationImages.Count}, batch {options.BatchSize}, {options.Epochs} epochs{AugmentationText(options.Augmentation)}");
        if (plan.ResumeFrom is { } checkpoint)
        {
            output.WriteLine($"Resuming from {Path.Combine(resumed ?? "", RunFolder.CheckpointFile)}: epoch {checkpoint.Epoch}, step {checkpoint.Step}");
        }

        output.Flush();
    }

    public IReadOnlyList<EpochMetrics> WrapTraining(Func<IReadOnlyList<EpochMetrics>> training) => _display.Run(_ => training());

    public void OnProgress(TrainingProgress progress) => _display.Progress(progress);

    public void OnEpochEnded(EpochMetrics epoch) => _display.EpochEnd(epoch, _epochs);

    public void OnEvaluated(EvaluationResult test, FirstTestImage first)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test_loss: {test.Summary.Loss:F4} - test_accuracy: {test.Summary.Accuracy:F4}"));
        output.WriteLine($"Test image 0 (label {first.Label}): predicted {first.Predicted}; probabilities {ProbabilityText.Format(first.Probabilities)}");
    }

    public void OnWritingFiles(TrainingOutcome outcome, Func<string, string> pathOf)
    {
        RunPlots.Write(pathOf, outcome.History, outcome.Plan.TestImages, outcome.Test);
        if (outcome.AugmentedImages is { } augmented)
        {
            RunPlots.WriteAugmented(pathOf, augmented, outcome.Plan.TrainImages);
        }
    }

    /// <summary>The closing line: where the files went.</summary>
    public void OnWritten(TrainingReport report) =>
        output.WriteLine($"Wrote {report.OutputFolder}: model.bin, history.json, metrics.json, accuracy.png, loss.png, predictions.png, confusion.png{(report.Outcome.Plan.Options.Augmentation is null ? "" : ", augmented.png")}");

    private static string AugmentationText(AugmentRanges? ranges) => ranges switch
    {
        null => "",
        { Elastic: > 0f } r => string.Create(CultureInfo.InvariantCulture, $", augmented (affine + elastic {r.Elastic} px{CaptureText(r)})"),
        { } r => $", augmented (affine{CaptureText(r)})",
    };

    private static string CaptureText(AugmentRanges ranges) => ranges.Capture.Any ? " + capture" : "";
}
