using Handwriting.Runner.Bench;

namespace Handwriting.Runner.Tests.Bench;

/// <summary><see cref="MedianRuns"/>: one row per configuration, the run of median wall time whole, failures shown.</summary>
public sealed class MedianRunsTests
{
    [Fact]
    public void Each_configuration_is_the_run_of_median_wall_time_with_its_own_figures()
    {
        TrainerResult[] runs =
        [
            BenchRows.Ours(32, 100_000, 3.9), BenchRows.Peer(32, "1 thread", 30_000, 9.5), BenchRows.Peer(32, "2 threads", 31_000, 9.0),
            BenchRows.Ours(32, 120_000, 2.8), BenchRows.Peer(32, "1 thread", 32_000, 8.9), BenchRows.Peer(32, "2 threads", 29_000, 9.9),
            BenchRows.Ours(32, 110_000, 3.1), BenchRows.Peer(32, "1 thread", 31_500, 9.1), BenchRows.Peer(32, "2 threads", 33_000, 8.7),
        ];

        var rows = MedianRuns.Of(runs);

        Assert.Equal(["handwriting", "PyTorch 1.13.1", "PyTorch 1.13.1"], rows.Select(r => r.Trainer));
        Assert.Equal([3.1, 9.1, 9.0], rows.Select(r => r.WallSeconds));
        Assert.Equal([110_000.0, 31_500.0, 31_000.0], rows.Select(r => r.TrainImagesPerSecond));
        Assert.EndsWith("median of 3 runs by wall time, 2.80-3.90 s", rows[0].Note);
        Assert.Equal("2 threads", rows[2].Configuration);
    }

    [Fact]
    public void A_failed_run_is_the_row()
    {
        var rows = MedianRuns.Of([BenchRows.Peer(128, "1 thread", 60_000, 6.1), BenchRows.Failed(128, "1 thread") with { Trainer = "PyTorch 1.13.1" }, BenchRows.Peer(128, "1 thread", 61_000, 6.0)]);

        var row = Assert.Single(rows);
        Assert.Null(row.TrainImagesPerSecond);
        Assert.Contains("out of memory", row.Note);
        Assert.EndsWith("1 of 3 runs", row.Note);
    }

    [Fact]
    public void A_single_run_is_reported_as_it_is()
    {
        var only = BenchRows.Ours(32, 100_000, 3.0);
        Assert.Same(only, Assert.Single(MedianRuns.Of([only])));
    }
}
