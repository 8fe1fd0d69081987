using System.Globalization;
using System.Text;
using Handwriting.Training.Output;

namespace Handwriting.Runner.Bench;

/// <summary>
/// Where the whole `train` process's time went, per run of ours: the phases its metrics.json
/// records, and the rest of the wall time bench measured (what follows metrics.json: moving the
/// files into the run folder, freeing the device, the process exit), each in seconds and as a
/// share of the whole.
/// </summary>
public static class PhaseBreakdown
{
    /// <summary>One line of the table: the phase as the table names it, a short name for sentences, its seconds (null where unknown).</summary>
    public sealed record Row(string Phase, string Brief, double? Seconds);

    private const string TrainingLoop = "training loop";

    /// <summary>The rows of one run, in the order the process meets them, ending with the remainder and the whole; null when the run recorded no phases.</summary>
    public static IReadOnlyList<Row>? Rows(TrainerResult run)
    {
        if (run.Phases is not { } phases || run.WallSeconds is not double wall)
        {
            return null;
        }

        return
        [
            new("start-up: process start to Main (runtime, program load)", "start-up before Main", phases.Startup),
            new("start-up: Main to the device open (options, run folder, accelerator)", "start-up after Main", phases.Setup),
            new("kernel compilation (each op loaded once, on first use)", "kernel compilation", phases.Compilation),
            new("data loading (read MNIST, upload to the device, build the trainer)", "data loading", phases.Data),
            new("training loop (compilation left out)", TrainingLoop, phases.Training),
            new("validation (after every epoch)", "validation", phases.Validation),
            new("test evaluation", "test evaluation", phases.Test),
            new("plots (the PNGs)", "plots", phases.Plots),
            new("writing model.bin and history.json", "writing files", phases.Files),
            new("other: metrics.json, moving the files in, process exit (the wall time less the above)", "other", wall - phases.Total),
            new("**whole process** (bench's clock, start to exit)", "whole process", wall),
        ];
    }

    /// <summary>The table, one column per run of ours that recorded phases, and a sentence per run on what lies outside the training loop; empty when none did.</summary>
    public static string Markdown(IEnumerable<TrainerResult> results)
    {
        var runs = results.Where(r => r.IsOurs).Select(r => (Run: r, Rows: Rows(r))).Where(r => r.Rows is not null).ToList();
        if (runs.Count == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        text.AppendLine("| phase | " + string.Join(" | ", runs.Select(r => $"{r.Run.Accelerator}, batch {r.Run.BatchSize}")) + " |");
        text.AppendLine("|---|" + string.Concat(runs.Select(_ => "---:|")));
        for (int i = 0; i < runs[0].Rows!.Count; i++)
        {
            text.Append("| ").Append(runs[0].Rows![i].Phase);
            foreach (var (run, rows) in runs)
            {
                text.Append(" | ").Append(Cell(rows![i].Seconds, run.WallSeconds!.Value));
            }

            text.AppendLine(" |");
        }

        text.AppendLine();
        foreach (var (run, _) in runs)
        {
            text.AppendLine("- " + OutsideTraining(run));
        }

        return text.ToString();
    }

    /// <summary>"cpu, batch 32: outside the training loop, 6.2 s of 28.6 s (22%); the largest: validation 2.1 s, ..."</summary>
    public static string OutsideTraining(TrainerResult run)
    {
        var rows = Rows(run) ?? throw new ArgumentException("the run recorded no phases", nameof(run));
        double wall = run.WallSeconds!.Value;
        double outside = wall - run.Phases!.Training;
        var largest = rows.Take(rows.Count - 1)
            .Where(r => r.Seconds is > 0 && r.Brief != TrainingLoop)
            .OrderByDescending(r => r.Seconds)
            .Take(3)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Brief} {r.Seconds:F2} s"));
        return string.Create(CultureInfo.InvariantCulture, $"{run.Accelerator}, batch {run.BatchSize}: outside the training loop, {outside:F1} s of {wall:F1} s ({100 * outside / wall:F0}%); the largest parts: {string.Join(", ", largest)}.");
    }

    private static string Cell(double? seconds, double wall) =>
        seconds is double s ? string.Create(CultureInfo.InvariantCulture, $"{s:F2} s ({100 * s / wall:F1}%)") : "-";
}
