namespace Handwriting.Runner.Bench;

/// <summary>
/// PyTorch runs in more than one configuration (threads, BLAS threads); every ratio is taken
/// against the fastest of them at the same batch size, by the figure the ratio compares: the
/// shortest whole process for wall times, the most images per second for throughputs, the
/// smallest peak for memory.
/// </summary>
public static class FastestPeer
{
    /// <summary>The peer run with the shortest whole process at <paramref name="batchSize"/>, or null when none finished.</summary>
    public static TrainerResult? ByWallTime(IEnumerable<TrainerResult> results, int batchSize) =>
        Peers(results, batchSize).Where(r => r.WallSeconds is not null).MinBy(r => r.WallSeconds);

    /// <summary>The peer run whose training loop made the most images per second at <paramref name="batchSize"/>.</summary>
    public static TrainerResult? ByTrainingThroughput(IEnumerable<TrainerResult> results, int batchSize) =>
        Peers(results, batchSize).Where(r => r.TrainImagesPerSecond is not null).MaxBy(r => r.TrainImagesPerSecond);

    /// <summary>The peer run with the fastest inference over the test set at <paramref name="batchSize"/>.</summary>
    public static TrainerResult? ByInference(IEnumerable<TrainerResult> results, int batchSize) =>
        Peers(results, batchSize).Where(r => r.InferenceImagesPerSecond is not null).MaxBy(r => r.InferenceImagesPerSecond);

    /// <summary>The peer run with the smallest peak resident set at <paramref name="batchSize"/> (for memory, less is better).</summary>
    public static TrainerResult? BySmallestPeakMemory(IEnumerable<TrainerResult> results, int batchSize) =>
        Peers(results, batchSize).Where(r => r.PeakResidentBytes is not null).MinBy(r => r.PeakResidentBytes);

    /// <summary>How to name a peer run in a sentence: its configuration where it has one.</summary>
    public static string Name(TrainerResult peer) => peer.Configuration is { } configuration ? $"{peer.Trainer} ({configuration})" : peer.Trainer;

    private static IEnumerable<TrainerResult> Peers(IEnumerable<TrainerResult> results, int batchSize) =>
        results.Where(r => r.IsPeer && r.BatchSize == batchSize);
}
