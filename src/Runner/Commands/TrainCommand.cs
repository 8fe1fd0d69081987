using System.CommandLine;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Cli;
using Handwriting.Runner.Display;
using Handwriting.Runner.Timing;
using Handwriting.Training;
using Handwriting.Training.IO;
using Handwriting.Training.Output;
using Handwriting.Training.Sessions;

namespace Handwriting.Runner.Commands;

/// <summary>
/// `handwriting train`: the seed notebook end to end. Parses the options into a
/// <see cref="TrainingSession"/> (a new run, or `--resume DIR` to finish an interrupted one),
/// runs it with <see cref="TrainConsole"/> printing and plotting, and turns an interruption into
/// the one line that says how to continue.
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
        // Listening first: a Ctrl+C from here on stops at the next boundary of a run of steps (Trainer.Fit) with a checkpoint.
        using var interrupt = StopSignal.Listen();
        string? resume = parse.GetValue(optionSet.Resume);
        string? outFolder = parse.GetValue(optionSet.Out);
        var session = resume is null ? NewRun(parse, common, optionSet, outFolder) : Resumed(parse, common, optionSet, resume);
        var console = new TrainConsole(output, resume);
        try
        {
            console.OnWritten(session.Run(console, interrupt.Token));
            return ExitCodes.Success;
        }
        catch (TrainingInterruptedException stopped) when (stopped is { Checkpoint: { } checkpoint, RunFolder: { } folder })
        {
            // The folder as the user named it; the default one relative to here (runs/TIMESTAMP, or TIMESTAMP-2 when taken).
            string target = resume ?? outFolder ?? Path.GetRelativePath(Directory.GetCurrentDirectory(), folder);
            throw new RunInterruptedException(
                interrupt.ExitCode,
                $"{interrupt.Stopped} at epoch {checkpoint.Epoch}, step {checkpoint.Step}: wrote {Path.Combine(target, RunFolder.CheckpointFile)}; " +
                $"continue with 'handwriting train --resume {target}'");
        }
    }

    private static TrainingSession NewRun(ParseResult parse, CommonOptions common, TrainOptions optionSet, string? outFolder) => new(new SessionSettings
    {
        Training = optionSet.Read(parse),
        Accelerator = parse.GetValue(common.Accelerator),
        DataFolder = parse.GetValue(common.Data),
        OutputFolder = outFolder ?? RunFolder.DefaultPath(DateTime.UtcNow),
        OutputClaim = outFolder is null ? OutputFolderClaim.NumberedIfTaken : OutputFolderClaim.New,
        PhaseClockStart = ProcessStart.MainTimestamp,
        StartupSeconds = ProcessStart.SecondsBeforeMain,
    });

    /// <summary>The interrupted run in <paramref name="folder"/>, on the accelerator it trained on unless --accelerator says otherwise.</summary>
    private static TrainingSession Resumed(ParseResult parse, CommonOptions common, TrainOptions optionSet, string folder)
    {
        optionSet.RefuseTrainingOptions(parse);
        AcceleratorKind? accelerator = parse.GetResult(common.Accelerator) is { Implicit: false } ? parse.GetValue(common.Accelerator) : null;
        var session = TrainingSession.Resume(folder, accelerator, parse.GetValue(common.Data));
        return new TrainingSession(session.Settings with { PhaseClockStart = ProcessStart.MainTimestamp, StartupSeconds = ProcessStart.SecondsBeforeMain });
    }
}
