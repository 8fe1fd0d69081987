using System.Globalization;
using Handwriting.Runner.Bench;

namespace Handwriting.Runner.Tests.Bench;

public sealed class PhaseBreakdownTests
{
    /// <summary>The rows account for the whole process: the phases train recorded plus the remainder bench's own clock saw.</summary>
    [Fact]
    public void The_phases_and_the_remainder_add_up_to_the_whole_process()
    {
        var rows = PhaseBreakdown.Rows(BenchRows.Ours(32, 9_000, 28.0, BenchRows.Phases))!;

        Assert.Equal("whole process", rows[^1].Brief);
        Assert.Equal(28.0, rows[^1].Seconds);
        Assert.Equal(28.0, rows.Take(rows.Count - 1).Sum(r => r.Seconds ?? 0), 9);
        Assert.Equal(28.0 - BenchRows.Phases.Total, rows.Single(r => r.Brief == "other").Seconds!.Value, 9);
        Assert.Equal(BenchRows.Phases.Training, rows.Single(r => r.Brief == "training loop").Seconds);
    }

    [Fact]
    public void A_run_without_phases_has_no_rows_and_no_table()
    {
        Assert.Null(PhaseBreakdown.Rows(BenchRows.Ours(32, 9_000, 28.0)));
        Assert.Equal("", PhaseBreakdown.Markdown([BenchRows.Ours(32, 9_000, 28.0), BenchRows.Reference(32)]));
    }

    [Fact]
    public void The_table_has_a_column_per_run_and_names_the_largest_parts_outside_training()
    {
        string markdown = PhaseBreakdown.Markdown([BenchRows.Ours(32, 9_000, 28.0, BenchRows.Phases), BenchRows.Ours(128, 12_000, 25.0, BenchRows.Phases)]);

        Assert.Contains("| phase | cpu, batch 32 | cpu, batch 128 |", markdown, StringComparison.Ordinal);
        Assert.Contains("| **whole process** (bench's clock, start to exit) | 28.00 s (100.0%) | 25.00 s (100.0%) |", markdown, StringComparison.Ordinal);
        string other = (28.0 - BenchRows.Phases.Total).ToString("F2", CultureInfo.InvariantCulture);
        Assert.Contains($"| other: metrics.json, moving the files in, process exit (the wall time less the above) | {other} s", markdown, StringComparison.Ordinal);

        // 28 s less 20 s of training: 8 s outside; the largest three parts in order, the remainder (2.25 s) among them.
        Assert.Contains("cpu, batch 32: outside the training loop, 8.0 s of 28.0 s (29%); the largest parts: other 2.25 s, validation 1.50 s, test evaluation 1.25 s.", markdown, StringComparison.Ordinal);
    }
}
