using Handwriting.Runner.Bench;

namespace Handwriting.Runner.Tests.Bench;

public sealed class FastestPeerTests
{
    private static readonly TrainerResult[] Results =
    [
        BenchRows.Ours(32, 9_000, 28),
        BenchRows.Peer(32, "1 thread, 1-thread BLAS", 50_000, 27.1),
        BenchRows.Peer(32, "2 threads, 1-thread BLAS", 45_000, 17.9),
        BenchRows.Failed(32, "4 threads, 1-thread BLAS"),
        BenchRows.Peer(128, "1 thread, 1-thread BLAS", 90_000, 3),
        BenchRows.Reference(32),
    ];

    /// <summary>The shortest whole process and the fastest training loop can be different configurations: each ratio takes its own.</summary>
    [Fact]
    public void Takes_the_shortest_wall_time_and_the_most_images_per_second_separately()
    {
        Assert.Equal("2 threads, 1-thread BLAS", FastestPeer.ByWallTime(Results, 32)?.Configuration);
        Assert.Equal("1 thread, 1-thread BLAS", FastestPeer.ByTrainingThroughput(Results, 32)?.Configuration);
    }

    [Fact]
    public void Looks_only_at_peers_of_the_same_batch_size_that_finished()
    {
        Assert.Equal(3, FastestPeer.ByWallTime(Results, 128)?.WallSeconds);
        Assert.Null(FastestPeer.ByWallTime(Results, 64));
        Assert.Null(FastestPeer.ByTrainingThroughput([BenchRows.Ours(32, 9_000, 28), BenchRows.Failed(32, "1 thread, 1-thread BLAS")], 32));
    }

    [Fact]
    public void Names_a_peer_with_its_configuration()
    {
        Assert.Equal("PyTorch 1.13.1 (2 threads, 1-thread BLAS)", FastestPeer.Name(Results[2]));
    }

    [Theory]
    [InlineData(1, "1 thread, 1-thread BLAS|1 thread, 1-thread BLAS, .item() per step")]
    [InlineData(2, "1 thread, 1-thread BLAS|2 threads, 1-thread BLAS|1 thread, 1-thread BLAS, .item() per step")]
    [InlineData(16, "1 thread, 1-thread BLAS|16 threads, 1-thread BLAS|1 thread, 1-thread BLAS, .item() per step")]
    public void PyTorch_runs_the_lean_loop_on_one_thread_and_one_per_core_over_a_one_thread_BLAS_then_the_per_step_loop(int cores, string expected)
    {
        var settings = PyTorchPeer.Settings(cores);

        Assert.Equal(expected, string.Join('|', settings));
        Assert.All(settings, s => Assert.Equal(1, s.BlasThreads));
        Assert.Equal("step", settings[^1].ReadBackOption);
        Assert.All(settings.SkipLast(1), s => Assert.Equal("epoch", s.ReadBackOption));
    }

    [Fact]
    public void The_smallest_peak_memory_is_the_memory_ratios_peer()
    {
        TrainerResult[] results =
        [
            BenchRows.Peer(32, "1 thread, 1-thread BLAS", 50_000, 27.1, 500 * BenchRows.MiB),
            BenchRows.Peer(32, "2 threads, 1-thread BLAS", 45_000, 17.9, 470 * BenchRows.MiB),
            BenchRows.Peer(32, "1 thread, 1-thread BLAS, .item() per step", 25_000, 40, null),
        ];

        Assert.Equal("2 threads, 1-thread BLAS", FastestPeer.BySmallestPeakMemory(results, 32)?.Configuration);
        Assert.Null(FastestPeer.BySmallestPeakMemory([results[2]], 32));
    }
}
