using System.Globalization;
using System.Text;

namespace Handwriting.Runner.Bench;

/// <summary>The comparison as a table (stdout and BENCHMARKS.md), with every figure's ratio to PyTorch at the same batch size.</summary>
public sealed record BenchmarkReport(
    string Machine,
    string Command,
    DateTime MeasuredUtc,
    IReadOnlyList<TrainerResult> Results,
    IReadOnlyList<StepCounts> Counts,
    IReadOnlyList<KernelRates.Rate> Rates)
{
    /// <summary>Issue 6's targets next to what this run measured: met, or the measured gap.</summary>
    public string Targets()
    {
        var text = new StringBuilder();
        text.AppendLine("| target | measured | met |");
        text.AppendLine("|---|---|---|");
        foreach (var ours in Results.Where(r => r.Trainer == "handwriting" && r.Accelerator == "cpu"))
        {
            var peer = Results.FirstOrDefault(r => r.Trainer.StartsWith("PyTorch", StringComparison.Ordinal) && r.BatchSize == ours.BatchSize && r.WallSeconds is not null);
            if (peer?.WallSeconds is double peerWall && ours.WallSeconds is double ownWall)
            {
                double ratio = peerWall / ownWall;
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| `train` on the CPU accelerator at least 2x faster than PyTorch, whole process (batch {ours.BatchSize}) | {ratio:F2}x ({ownWall:F1} s against {peerWall:F1} s) | {(ratio >= 2 ? "yes" : "no")} |"));
            }

            if (ours.TestAccuracy is double accuracy && ours.BatchSize == 32)
            {
                text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| test accuracy at least 97.5% (batch 32) | {accuracy * 100:F2}% | {(accuracy >= 0.975 ? "yes" : "no")} |"));
            }
        }

        foreach (var rate in Rates.Where(r => r.Accelerator == "cpu"))
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {rate.Kernel} at batch {rate.Batch} on the CPU accelerator at least 8 GFLOP/s | {rate.GigaflopsPerSecond:F2} GFLOP/s | {(rate.GigaflopsPerSecond >= 8 ? "yes" : "no")} |"));
        }

        foreach (var count in Counts)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| at most 8 kernel launches per training step ({count.Accelerator}, batch {count.BatchSize}) | {count.Launches:F2} (7 per step, plus per epoch: the label gather, the metric sums, and the divergence check every 64 steps) | {(count.Launches <= 8 ? "yes" : "no")} |"));
        }

        return text.ToString();
    }

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("| trainer | device | batch | epochs | train images/s | x PyTorch | wall time (s) | PyTorch / this | inference images/s | x PyTorch | test accuracy | how |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in Results)
        {
            var peer = Results.FirstOrDefault(r => r.Trainer.StartsWith("PyTorch", StringComparison.Ordinal) && r.BatchSize == row.BatchSize && r.TrainImagesPerSecond is not null);
            text.AppendLine(string.Join(" | ", [
                "| " + row.Trainer,
                row.Accelerator,
                Number(row.BatchSize),
                row.Epochs > 0 ? Number(row.Epochs) : "-",
                Figure(row.TrainImagesPerSecond, "N0"),
                Ratio(row.TrainImagesPerSecond, peer?.TrainImagesPerSecond),
                Figure(row.WallSeconds, "F1"),
                Ratio(peer?.WallSeconds, row.WallSeconds),
                Figure(row.InferenceImagesPerSecond, "N0"),
                Ratio(row.InferenceImagesPerSecond, peer?.InferenceImagesPerSecond),
                Figure(row.TestAccuracy * 100, "F2") + (row.TestAccuracy is null ? "" : "%"),
                row.Note + " |"]));
        }

        return text.ToString();
    }

    public string CountsTable()
    {
        var text = new StringBuilder();
        text.AppendLine("| device | batch | kernel launches per step | host synchronisations per step |");
        text.AppendLine("|---|---:|---:|---:|");
        foreach (var count in Counts)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {count.Accelerator} | {count.BatchSize} | {count.Launches:F2} | {count.Synchronizations:F4} |"));
        }

        return text.ToString();
    }

    public string Markdown() =>
        $"""
        # Benchmarks

        End-to-end training of the seed model (784-128-10, dropout 0.2, Adam, 5 epochs, 48,000
        training images) by our ILGPU trainer, the float64 reference trainer and PyTorch, measured
        in one run of `handwriting bench`. Ratios compare figures taken in that same run.

        - Machine: {Machine}
        - Measured: {MeasuredUtc:yyyy-MM-dd HH:mm} UTC
        - Command: `{Command}` (writes into runs/bench-TIMESTAMP/; run from the repository root with `--out .` to regenerate this file and bench.png)

        ## Training and inference

        {Table()}
        - *train images/s*: training images per second of the training loop alone (validation excluded), over all epochs.
        - *wall time*: the whole process, start to exit, as a user waits for it (data loading, training, validation, test evaluation, files).
        - *PyTorch / this*: PyTorch's wall time divided by this row's: above 1 means faster than PyTorch.
        - *inference images/s*: the forward pass over the 10,000 test images.

        ## Kernel launches and host synchronisations

        Counted by instrumentation (every kernel launch and every read-back that waits for the
        device) over one epoch without a progress display. The epoch ends with one read of the
        summed metrics; a live progress bar adds at most four reads a second.

        {CountsTable()}
        ## Issue 6's targets, as measured in this run

        {Targets()}
        Why the CPU-accelerator targets are missed: ILGPU 1.5.3's CPU accelerator runs a kernel's IL as
        ordinary .NET code, and every `ArrayView` element access there makes a `Trace.Assert` bounds
        check, a CPU-buffer check and a reload of the buffer's pointer, none of which the JIT can hoist
        out of a loop; there is no SIMD inside kernels either. Reading four floats per access (Float4,
        4x8 register blocks) doubled the big matmuls, but the same blocking over plain `float[]`
        runs at about 9.5 GFLOP/s: the remaining gap is the accelerator's per-access cost, not the
        arithmetic. PyTorch calls OpenBLAS's vectorised GEMM. Launch count, the third target, is met
        by fusion. What each change was expected to do and did: [benchmarks/NOTES.md](benchmarks/NOTES.md);
        per-kernel figures with BenchmarkDotNet: [benchmarks/README.md](benchmarks/README.md).

        ## What an H100 should reach (roofline)

        Peak FP32 {StepRoofline.PeakFlops / 1e12:F0} TFLOP/s and {StepRoofline.PeakBytesPerSecond / 1e12:F2} TB/s (H100 SXM5 datasheet);
        FLOPs and bytes counted from the shapes, each byte read or written once.

        {StepRoofline.Markdown(32)}
        ![bench](bench.png)

        """;

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Figure(double? value, string format) => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Ratio(double? numerator, double? denominator) =>
        numerator is double n && denominator is double d && d > 0 ? (n / d).ToString("F2", CultureInfo.InvariantCulture) : "-";
}

/// <summary>Launches and synchronisations per training step on one device at one batch size.</summary>
public sealed record StepCounts(string Accelerator, int BatchSize, double Launches, double Synchronizations);
