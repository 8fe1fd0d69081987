using System.Globalization;

namespace Handwriting.Runner.Bench;

/// <summary>
/// The rows bench reports when it ran each configuration more than once: for each trainer,
/// accelerator, configuration and batch size, the run of median wall time, whole (its images per
/// second, memory and phases are that run's, so a row's figures belong together), its note saying
/// of how many runs and their range. Runs alternate configuration by configuration, so a slow
/// minute of a noisy machine falls on every configuration alike rather than on one; a failed run
/// (no training figure) is the row, so that it cannot hide behind the others.
/// </summary>
public static class MedianRuns
{
    public static IReadOnlyList<TrainerResult> Of(IEnumerable<TrainerResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return runs
            .GroupBy(r => (r.Trainer, r.Accelerator, r.Configuration, r.BatchSize))
            .Select(Median)
            .ToList();
    }

    private static TrainerResult Median(IEnumerable<TrainerResult> group)
    {
        var runs = group.ToList();
        if (runs.Count == 1)
        {
            return runs[0];
        }

        if (runs.FirstOrDefault(r => r.TrainImagesPerSecond is null) is { } failed)
        {
            return failed with { Note = $"{failed.Note}; 1 of {runs.Count} runs" };
        }

        var byWall = runs.OrderBy(r => r.WallSeconds ?? double.MaxValue).ToList();
        var median = byWall[(byWall.Count - 1) / 2];
        string range = byWall[0].WallSeconds is double fastest && byWall[^1].WallSeconds is double slowest
            ? string.Create(CultureInfo.InvariantCulture, $", {fastest:F2}-{slowest:F2} s")
            : "";
        return median with { Note = $"{median.Note}; median of {runs.Count} runs by wall time{range}" };
    }
}
