using Handwriting.Api;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Data;
using Handwriting.Training.Export;
using Handwriting.Training.Model;
using Handwriting.Training.Sessions;
using Handwriting.Training.Tests.Data;
using static Handwriting.Api.Layers;

namespace Handwriting.Training.Tests.Api;

/// <summary>
/// The Keras-like API on real MNIST, on the CPU accelerator, with short runs: it trains the same
/// weights as the pipeline `train` runs, reports each epoch, stops when cancelled, and its saved,
/// loaded and exported models predict alike.
/// </summary>
[Collection(RealMnistCollection.Name)]
public sealed class SequentialTests(RealMnist mnist) : IDisposable
{
    private const int Images = 600;

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Fit_trains_the_weights_the_train_pipeline_trains()
    {
        using var model = SeedModel();
        model.Fit(Train(), epochs: 2, batchSize: 32, validationSplit: 0.2, seed: 3);
        string saved = _folder.File("api.bin");
        model.Save(saved);

        var options = TrainingPresets.Seed with { Epochs = 2, Limit = Images, Seed = 3 };
        var report = new TrainingSession(new SessionSettings { Training = options, Data = mnist.Data, Accelerator = AcceleratorKind.Cpu }).Run();

        Assert.Equal(report.Outcome.Parameters, ModelFile.Load(saved).Parameters);
    }

    [Fact]
    public void Fit_reports_every_epoch_to_the_progress_and_the_event_and_returns_the_history()
    {
        using var model = SeedModel();
        var reported = new List<Epoch>();
        var raised = new List<Epoch>();
        model.EpochEnded += (sender, epoch) =>
        {
            Assert.Same(model, sender);
            raised.Add(epoch);
        };

        var history = model.Fit(Train(), epochs: 3, validationSplit: 0.2, progress: new Recorder<Epoch>(reported));

        Assert.Equal([1, 2, 3], history.Epochs.Select(e => e.Number));
        Assert.Equal(history.Epochs, reported);
        Assert.Equal(history.Epochs, raised);
        Assert.All(history.Epochs, e => Assert.NotNull(e.ValidationAccuracy));
        Assert.Equal(3, history.ValidationLoss.Count);
        Assert.StartsWith("Epoch 3/3 - ", history.Epochs[^1].ToString(), StringComparison.Ordinal);
        Assert.True(model.IsTrained);
    }

    [Fact]
    public void Without_a_validation_split_the_history_has_no_validation_figures()
    {
        using var model = SeedModel();

        var history = model.Fit(Train(), epochs: 1);

        Assert.Null(history.Epochs[0].ValidationLoss);
        Assert.Empty(history.ValidationAccuracy);
        Assert.DoesNotContain("val_", history.Epochs[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cancelled_fit_stops_and_keeps_the_weights_it_had()
    {
        using var model = SeedModel();
        string before = _folder.File("before.bin");
        string after = _folder.File("after.bin");
        model.Save(before);
        using var cancel = new CancellationTokenSource();
        model.EpochEnded += (_, _) => cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => model.Fit(Train(), epochs: 3, cancellationToken: cancel.Token));

        model.Save(after);
        Assert.Equal(File.ReadAllBytes(before), File.ReadAllBytes(after));
        Assert.False(model.IsTrained);
    }

    [Fact]
    public void Evaluate_and_Predict_agree_and_a_saved_model_loads_and_predicts_alike()
    {
        using var model = SeedModel();
        model.Fit(Train(), epochs: 1);
        var test = new Dataset(mnist.Data.Test).Take(200);

        var score = model.Evaluate(test);
        var predicted = model.Predict(test);
        var fromPixels = model.Predict(ImageSet.UnitRange(mnist.Data.Test.Pixels.Span[..(200 * 784)]));
        string path = _folder.File("model.bin");
        model.Save(path);
        using var loaded = Sequential.Load(path, "cpu");

        Assert.Equal(200, score.Count);
        Assert.Equal(score.Predictions, predicted.Select(p => p.Digit));
        Assert.Equal(predicted.Select(p => p.Probabilities), fromPixels.Select(p => p.Probabilities));
        Assert.Equal(predicted.Select(p => p.Probabilities), loaded.Predict(test).Select(p => p.Probabilities));
        Assert.InRange(score.Accuracy, 0.5, 1.0); // 480 images, one epoch: far above chance (0.1), far from perfect
        Assert.Equal(score.Predictions.Count(p => p == 7), Enumerable.Range(0, 10).Sum(label => score.ConfusionMatrix()[label, 7]));
        Assert.InRange(predicted[0].Probabilities.Sum(), 0.999f, 1.001f);
        Assert.Equal(["Dense(128, relu)", "Dense(10, softmax)"], loaded.Layers.Select(l => l.ToString()));
        Assert.Matches(@"^test_loss: \d\.\d{4} - test_accuracy: \d\.\d{4}$", score.ToString());
    }

    [Fact]
    public void ExportOnnx_writes_the_model_the_export_command_writes()
    {
        using var model = SeedModel();
        string path = _folder.File("model.onnx");

        model.ExportOnnx(path);

        Assert.Equal(OnnxExport.Encode(model.Shape, ModelParameters(model)), File.ReadAllBytes(path));
    }

    [Fact]
    public void The_plots_are_PNG_images_of_their_stated_size()
    {
        using var model = SeedModel();
        var history = model.Fit(Train(), epochs: 2, validationSplit: 0.2);
        var test = new Dataset(mnist.Data.Test).Take(4);
        var predicted = model.Predict(test);

        PlotImage[] plots = [history.AccuracyPlot(), history.LossPlot(), test.Plot(1, predicted), test.Plot(4), model.Evaluate(test).ConfusionPlot()];

        foreach (var plot in plots)
        {
            using var bitmap = SkiaSharp.SKBitmap.Decode(plot.Png.ToArray());
            Assert.Equal((plot.Width, plot.Height), (bitmap.Width, bitmap.Height));
        }

        string saved = _folder.File("accuracy.png");
        plots[0].Save(saved);
        Assert.Equal(plots[0].Png.ToArray(), File.ReadAllBytes(saved));
        Assert.Equal(Convert.ToBase64String(plots[0].Png), plots[0].ToBase64());
    }

    [Fact]
    public void The_summary_lists_each_layer_with_its_parameters()
    {
        using var model = SeedModel();

        string summary = model.Summary();

        Assert.Contains("Dense(128, relu)", summary, StringComparison.Ordinal);
        Assert.Contains("100,480", summary, StringComparison.Ordinal); // 784 x 128 + 128
        Assert.Contains("1,290", summary, StringComparison.Ordinal);   // 128 x 10 + 10
        Assert.EndsWith("Total parameters: 101,770", summary, StringComparison.Ordinal);
    }

    private static Sequential SeedModel()
    {
        var model = Sequential.Create(784, [Dense(128, Activation.Relu), Dropout(0.2), Dense(10, Activation.Softmax)], "cpu");
        model.Compile(Optimizer.Adam(learningRate: 0.001));
        return model;
    }

    private static float[] ModelParameters(Sequential model)
    {
        using var folder = new TemporaryFolder();
        model.Save(folder.File("m.bin"));
        return ModelFile.Load(folder.File("m.bin")).Parameters;
    }

    private Dataset Train() => new Dataset(mnist.Data.Train).Take(Images);

    /// <summary>An IProgress that records on the reporting thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class Recorder<T>(List<T> into) : IProgress<T>
    {
        public void Report(T value) => into.Add(value);
    }
}
