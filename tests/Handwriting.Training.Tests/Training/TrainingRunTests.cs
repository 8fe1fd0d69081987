using System.Text.Json;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Data;
using Handwriting.Training.Model;
using Handwriting.Training.Output;
using Handwriting.Training.Tests.Data;

namespace Handwriting.Training.Tests.Training;

/// <summary>The run pipeline `train` uses, step by step on real MNIST: the limit and split, then the files it writes.</summary>
[Collection(RealMnistCollection.Name)]
public sealed class TrainingRunTests(RealMnist mnist)
{
    [Fact]
    public void Limits_splits_trains_and_writes_the_model_history_and_metrics()
    {
        var options = new TrainingOptions { Epochs = 1, Limit = 500, ValidationSplit = 0.2 };
        using var run = TrainingRun.From(options, mnist.Data);
        Assert.Equal(400, run.TrainImages.Count);
        Assert.Equal(100, run.ValidationImages.Count);
        Assert.Equal(mnist.Data.Train.Labels[400], run.ValidationImages.Labels[0]); // Keras holds out the last images

        run.Open(AcceleratorKind.Cpu);
        run.Prepare();
        var history = run.Fit(null, default, null, null, default);
        var (evaluation, first) = run.Evaluate();
        using var folder = new TemporaryFolder();
        run.WriteFiles(name => Path.Combine(folder.Path, name), history, evaluation, first);

        Assert.Equal(["history.json", "metrics.json", "model.bin"], Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var (shape, parameters) = ModelFile.Load(Path.Combine(folder.Path, "model.bin"));
        Assert.Equal(new MlpShape(Mnist.Pixels, [128], Mnist.Classes).ToString(), shape.ToString());
        Assert.Equal(run.Trainer.Network.ReadParameters(), parameters);
        var metrics = JsonSerializer.Deserialize<MetricsFile>(File.ReadAllText(Path.Combine(folder.Path, "metrics.json")), JsonFiles.Options)!;
        Assert.Equal((400, 100, 10_000), (metrics.TrainImages, metrics.ValidationImages, metrics.TestImages));
        Assert.Equal(evaluation.Summary.Accuracy, metrics.TestAccuracy);
        Assert.Equal(mnist.Data.Test.Labels[0], first.Label);
        var written = JsonSerializer.Deserialize<HistoryFile>(File.ReadAllText(Path.Combine(folder.Path, "history.json")), JsonFiles.Options)!;
        Assert.Equal(history.Select(e => e.Loss), written.Loss);
    }
}
