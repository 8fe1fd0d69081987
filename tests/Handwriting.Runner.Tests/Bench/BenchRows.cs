using Handwriting.Runner.Bench;
using Handwriting.Training.Output;

namespace Handwriting.Runner.Tests.Bench;

/// <summary>Rows of a bench run made up for the report's tests: ours, PyTorch in a configuration, the reference.</summary>
internal static class BenchRows
{
    public static readonly RunPhases Phases = new(0.05, 0.5, 1.0, 0.75, 20.0, 1.5, 1.25, 0.6, 0.1);

    public const long MiB = 1024 * 1024;

    public static TrainerResult Ours(int batch, double imagesPerSecond, double wall, RunPhases? phases = null, long? peakBytes = null) =>
        new("handwriting", "cpu", batch, 5, imagesPerSecond, wall, 30_000, 0.976, "whole process", Phases: phases, PeakResidentBytes: peakBytes);

    public static TrainerResult Peer(int batch, string configuration, double imagesPerSecond, double? wall, long? peakBytes = null) =>
        new("PyTorch 1.13.1", "cpu", batch, 5, imagesPerSecond, wall, 400_000, 0.974, $"whole process, {configuration}, BLAS: openblas", configuration, BlasLibraries: "/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3", PeakResidentBytes: peakBytes);

    public static TrainerResult Failed(int batch, string configuration) =>
        new("PyTorch", "cpu", batch, 5, null, null, null, null, "exit 1: out of memory", configuration);

    public static TrainerResult Reference(int batch) =>
        new("float64 reference", "host", batch, 0, 3_000, null, null, null, "50 steps timed, single-threaded");
}
