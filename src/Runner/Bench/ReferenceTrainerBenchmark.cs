using System.Diagnostics;
using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using Handwriting.Training.Data;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Reference;

namespace Handwriting.Runner.Bench;

/// <summary>
/// The float64 reference trainer: the same steps as ours in plain C# doubles. It is far too slow
/// for five epochs, so it is timed over a fixed number of steps and reported as images per second only.
/// </summary>
public static class ReferenceTrainerBenchmark
{
    public static TrainerResult Train(int batchSize, int steps, ImageSet train)
    {
        var images = train.Take(batchSize * steps);
        var shape = MlpShape.Seed;
        var network = new ReferenceNetwork(shape, GlorotUniform.Initialize(shape, 0));
        var settings = new AdamSettings();
        var clock = Stopwatch.StartNew();
        for (int step = 0; step < steps; step++)
        {
            int first = step * batchSize;
            double[] pixels = PixelBatchReference.UnitRange(images.Pixels.Slice(first * shape.Inputs, batchSize * shape.Inputs).ToArray());
            int[] labels = images.Labels.AsSpan(first, batchSize).ToArray();
            network.TrainStep(pixels, labels, batchSize, 0.2f, 0, (uint)step, settings);
        }

        double seconds = clock.Elapsed.TotalSeconds;
        return new TrainerResult("float64 reference", "host", batchSize, 0, batchSize * steps / seconds, null, null, null, $"{steps} steps timed, single-threaded");
    }
}
