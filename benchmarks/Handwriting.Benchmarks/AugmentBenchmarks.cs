using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;
using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using ILGPU;

namespace Handwriting.Benchmarks;

/// <summary>
/// Gathering one shuffled batch of 28 x 28 images through the random affine transform, with and
/// without the elastic field, as `train --augment` does each step. Reads the indices and, per
/// output pixel, four source pixels (bilinear sampling); writes the batch. The elastic field adds
/// eight hashes per pixel and no memory traffic. The capture degradations (a chance of 0.25 each,
/// as `--preset best`) read 9 samples per pixel of a blurred image, and per pixel of a coarse one
/// the 9 of each of its 4 cells, each cell filtered once per CPU thread and image (on a GPU, once
/// per pixel); the work counted stays the plain sampling's, so their cost shows as lower
/// throughput. The images are uniform noise, ink everywhere, so the kernel's skipping of samples
/// outside a digit's ink (capture only, CPU) gains nothing here that it gains on MNIST.
/// </summary>
public class AugmentBenchmarks : DeviceBenchmark, IMeasuredWork
{
    private const int SourceRows = 48_000;
    private const int Side = 28;
    private const int Pixels = Side * Side;
    private const uint Seed = 42;
    private const uint Step = 7;

    private ArrayView<byte> _pixels;
    private ArrayView<float> _batch;
    private ArrayView<int> _indices;
    private byte[] _pixels64 = [];
    private double[] _batch64 = [];
    private int[] _indices64 = [];

    [Params(32, 128, 1024)]
    public int Batch { get; set; }

    [Params(0f, 2f)]
    public float Elastic { get; set; }

    /// <summary>The chance of each capture degradation (<see cref="CaptureRanges"/>): 0 off, 0.25 as `--preset best`.</summary>
    [Params(0f, 0.25f)]
    public float Capture { get; set; }

    private AugmentRanges Ranges => AugmentRanges.Affine.WithElastic(Elastic).WithCapture(Capture > 0f ? CaptureRanges.Captures.WithChance(Capture) : default);

    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        long rows = benchmarkCase.IntParameter(nameof(Batch));
        return Work.Elements(read: rows + (4 * rows * Pixels), written: rows * Pixels);
    }

    [Benchmark(Baseline = true)]
    public void AugmentFloat64() => AugmentReference.Run(_pixels64, _indices64, _batch64, Batch, Side, Ranges, Seed, Step);

    [Benchmark]
    public void AugmentKernel()
    {
        Ops.Augment.Run(_pixels, _indices, _batch, Batch, Side, Ranges, Seed, Step);
        Synchronize();
    }

    protected override void Prepare()
    {
        var pixels = RandomData.Bytes(SourceRows * Pixels, seed: 91);
        var indices = RandomData.Integers(Batch, SourceRows, seed: 92);
        (_pixels, _pixels64) = (Upload(pixels), pixels);
        (_indices, _indices64) = (Upload(indices), indices);
        (_batch, _batch64) = (Allocate(Batch * Pixels), new double[Batch * Pixels]);

        AugmentKernel();
    }
}
