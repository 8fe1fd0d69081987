using System.CommandLine;
using System.Globalization;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Cli;
using Handwriting.Runner.Display;
using Handwriting.Runner.Output;
using Handwriting.Runner.Timing;
using Handwriting.Training;
using Handwriting.Training.Checkpoints;
using Handwriting.Training.Data;
using Handwriting.Training.IO;
using Handwriting.Training.Model;
using Handwriting.Training.Network;

namespace Handwriting.Runner.Commands;

/// <summary>
/// `handwriting train`: the seed notebook end to end. Parses the options, runs the steps of
/// <see cref="TrainingRun"/> (fetch MNIST if needed, train with our kernels, evaluate on the test
/// set, write the model, history and metrics), and around them prints, draws the plots and
/// claims, suspends or commits the run folder. A <see cref="PhaseClock"/> times each part for
/// metrics.json's "phases".
/// </summary>
public static class TrainCommand
{
    public static Command Create(CommonOptions common, TextWriter output)
    {
        var options = new TrainOptions();
        var command = new Command("train", "Train the seed model (784-128-10, dropout 0.2, Adam) and write model, metrics and plots");
        options.AddTo(command);
        command.SetAction(parse => Run(parse, common, options, output));
        return command;
    }

    private static int Run(ParseResult parse, CommonOptions common, TrainOptions optionSet, TextWriter output)
    {
        // Listening first: a Ctrl+C from here on stops at the next step boundary with a checkpoint.
        using var interrupt = StopSignal.Listen();
        ComputeDevice? opened = null;
        var clock = PhaseClock.FromMain(() => opened?.Counters.CompileSeconds ?? 0);
        string? resume = parse.GetValue(optionSet.Resume);
        TrainingOptions options;
        TrainingCheckpoint? checkpoint = null;
        var accelerator = parse.GetValue(common.Accelerator);
        string target;
        if (resume is null)
        {
            options = optionSet.Read(parse);
            target = parse.GetValue(optionSet.Out) ?? RunFolder.DefaultPath(DateTime.UtcNow);
        }
        else
        {
            optionSet.RefuseTrainingOptions(parse);
            target = resume;
            options = ResumeFile.Read(Path.Combine(resume, ResumeFile.Name));
            if (parse.GetResult(common.Accelerator) is not { Implicit: false })
            {
                accelerator = ResumeFile.ReadAccelerator(Path.Combine(resume, ResumeFile.Name)); // where it trained, unless told otherwise
            }

            checkpoint = TrainingCheckpoint.Load(Path.Combine(resume, RunFolder.CheckpointFile));
        }

        // Claimed now, not when training ends: a second run into the same folder fails here.
        using var run = resume is null ? RunFolder.Claim(target, numberIfTaken: parse.GetValue(optionSet.Out) is null) : RunFolder.Resume(target);
        if (resume is null && parse.GetValue(optionSet.Out) is null)
        {
            target = Path.GetRelativePath(Directory.GetCurrentDirectory(), run.Target); // runs/TIMESTAMP, or TIMESTAMP-2 when taken
        }

        clock.Lap(Phase.Setup);
        using var pipeline = LoadWhileOpening(options, parse.GetValue(common.Data), accelerator, output, clock, device => opened = device);
        var device = pipeline.Device;
        output.WriteLine($"Device: {device.Description}");
        foreach (string skipped in device.SkippedAccelerators)
        {
            output.WriteLine($"  (auto: {skipped})");
        }
        TrainChecks.Apply(() => RunRequirements.Check(options, pipeline.TrainImages.PixelsPerImage, Mnist.Classes, pipeline.TrainImages.Count, pipeline.ValidationImages.Count, pipeline.Mnist.Test.Count, device.Description.MemoryBytes));

        clock.Lap(Phase.Setup);
        pipeline.Prepare();
        output.WriteLine($"Training {pipeline.Trainer.Network.Shape} on {pipeline.Train.Count} images, validating on {pipeline.Validation.Count}, batch {options.BatchSize}, {options.Epochs} epochs{AugmentationText(options.Augmentation)}");
        if (checkpoint is not null)
        {
            output.WriteLine($"Resuming from {Path.Combine(resume!, RunFolder.CheckpointFile)}: epoch {checkpoint.Epoch}, step {checkpoint.Step}");
        }

        output.Flush();
        clock.Lap(Phase.Data);

        ITrainingDisplay display = ReferenceEquals(output, Console.Out) && LiveTrainingDisplay.IsSupported
            ? new LiveTrainingDisplay()
            : new PlainTrainingDisplay(output);
        IReadOnlyList<EpochMetrics> history;
        try
        {
            history = display.Run(shown => pipeline.Fit(
                shown.Progress,
                shown.ProgressInterval,
                metrics => shown.EpochEnd(metrics, options.Epochs),
                checkpoint,
                interrupt.Token));
        }
        catch (TrainingInterruptedException stopped) when (stopped.Checkpoint is not null)
        {
            run.Suspend(folder =>
            {
                stopped.Checkpoint.Save(Path.Combine(folder, RunFolder.CheckpointFile));
                ResumeFile.From(options, device.Kind).Write(Path.Combine(folder, ResumeFile.Name));
            });
            throw new RunInterruptedException(
                interrupt.ExitCode,
                $"{interrupt.Stopped} at epoch {stopped.Checkpoint.Epoch}, step {stopped.Checkpoint.Step}: wrote {Path.Combine(target, RunFolder.CheckpointFile)}; " +
                $"continue with 'handwriting train --resume {target}'");
        }

        clock.Lap(Phase.Fit);
        var (evaluation, first) = pipeline.Evaluate();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test_loss: {evaluation.Summary.Loss:F4} - test_accuracy: {evaluation.Summary.Accuracy:F4}"));
        output.WriteLine($"Test image 0 (label {first.Label}): predicted {first.Predicted}; probabilities {ProbabilityText.Format(first.Probabilities)}");

        clock.Lap(Phase.Test);

        // The plots before the files, so that metrics.json, written last, can say what they cost.
        RunPlots.Write(run, history, pipeline.Mnist.Test, evaluation);
        if (options.Augmentation is { } ranges)
        {
            RunPlots.WriteAugmented(run, AugmentationPreview.Of(device, pipeline.Train, ranges, options.Seed, RunPlots.GridDigits), pipeline.TrainImages);
        }

        clock.Lap(Phase.Plots);
        pipeline.WriteFiles(run.PathOf, history, evaluation, first, () =>
        {
            clock.Lap(Phase.Files);
            return clock.Phases(ProcessStart.SecondsBeforeMain, history.Skip(checkpoint?.History.Count ?? 0));
        });

        run.Commit();
        output.WriteLine($"Wrote {run.Target}: model.bin, history.json, metrics.json, accuracy.png, loss.png, predictions.png, confusion.png{(options.Augmentation is null ? "" : ", augmented.png")}");
        return ExitCodes.Success;
    }

    /// <summary>
    /// Reads MNIST and opens the accelerator, side by side when the files are present: reading them
    /// (about 0.5 s) runs on a second core while this thread opens the device and compiles the
    /// run's kernels (about 0.5 s more; FIELD-NOTES, BENCHMARKS.md's breakdown). The device is opened
    /// on this thread, as CUDA wants. When files must be fetched first, or reading them fails, the
    /// order is the plain one and data errors come first, as before.
    /// </summary>
    private static TrainingRun LoadWhileOpening(TrainingOptions options, string? dataOption, AcceleratorKind accelerator, TextWriter output, PhaseClock clock, Action<ComputeDevice> opened)
    {
        var loading = MnistDirectory.AllPresent(dataOption)
            ? Task.Run(() => TrainingRun.Load(options, dataOption, output.WriteLine))
            : Task.FromResult(TrainingRun.Load(options, dataOption, output.WriteLine));
        ComputeDevice? device = null;
        try
        {
            device = ComputeDevice.Open(accelerator);
            opened(device);
            Trainer.Precompile(device, options);
            clock.Lap(Phase.Setup);
            var pipeline = loading.GetAwaiter().GetResult();
            TrainChecks.Apply(() => RunData.RequireImages(MnistDirectory.Resolve(dataOption), pipeline.Mnist, pipeline.TrainImages, options));
            clock.Lap(Phase.Data);
            pipeline.Use(device);
            device = null; // the run owns it now
            return pipeline;
        }
        catch
        {
            AwaitQuietly(loading)?.Dispose(); // a data error is reported first, as when the two ran in turn
            throw;
        }
        finally
        {
            device?.Dispose();
        }
    }

    /// <summary>The loaded run, or null when loading failed; rethrows the loading's failure only when it is a data error, which outranks the caller's.</summary>
    private static TrainingRun? AwaitQuietly(Task<TrainingRun> loading)
    {
        try
        {
            return loading.GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is not MnistDataException and not UsageException)
        {
            return null;
        }
    }

    private static string AugmentationText(AugmentRanges? ranges) => ranges switch
    {
        null => "",
        { Elastic: > 0f } r => string.Create(CultureInfo.InvariantCulture, $", augmented (affine + elastic {r.Elastic} px{CaptureText(r)})"),
        { } r => $", augmented (affine{CaptureText(r)})",
    };

    private static string CaptureText(AugmentRanges ranges) => ranges.Capture.Any ? " + capture" : "";
}
