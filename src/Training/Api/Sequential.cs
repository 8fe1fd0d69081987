using System.Globalization;
using Handwriting.Kernels.Devices;
using Handwriting.Training;
using Handwriting.Training.Data;
using Handwriting.Training.Export;
using Handwriting.Training.Model;
using Handwriting.Training.Network;
using Handwriting.Training.Sessions;

namespace Handwriting.Api;

/// <summary>
/// A multilayer perceptron trained by our kernels, Keras's Sequential model: build it with
/// <see cref="Create"/> (or <see cref="Load"/> a saved one), <see cref="Compile"/>,
/// <see cref="Fit"/>, <see cref="Evaluate"/>, <see cref="Predict(Dataset)"/>, <see cref="Save"/>,
/// <see cref="ExportOnnx"/>. It trains through the same pipeline as `handwriting train`
/// (<see cref="TrainingSession"/>), so the seed model gives the same weights bit for bit.
/// The accelerator opens at the first call that needs it and closes with <see cref="Dispose"/>.
/// </summary>
/// <example>
/// <code>
/// var mnist = Mnist.Load();
/// using var model = Sequential.Create(784, [Dense(128, Activation.Relu), Dropout(0.2), Dense(10, Activation.Softmax)]);
/// model.Compile(Optimizer.Adam(0.001));
/// var history = model.Fit(mnist.Train, epochs: 5, batchSize: 32, validationSplit: 0.2);
/// Console.WriteLine(model.Evaluate(mnist.Test));
/// </code>
/// </example>
public sealed class Sequential : IDisposable
{
    private readonly AcceleratorKind _accelerator;
    private float[] _parameters;
    private ComputeDevice? _device;
    private DeviceNetwork? _network;
    private bool _disposed;

    private Sequential(MlpShape shape, IReadOnlyList<Layer> layers, float dropout, float[] parameters, AcceleratorKind accelerator)
    {
        Shape = shape;
        Layers = layers;
        DropoutRate = dropout;
        _parameters = parameters;
        _accelerator = accelerator;
    }

    /// <summary>Raised after every epoch of <see cref="Fit"/>, on the thread that called it.</summary>
    public event EventHandler<Epoch>? EpochEnded;

    /// <summary>The layers, as given to <see cref="Create"/> (a loaded model's have no dropout: model files do not keep it).</summary>
    public IReadOnlyList<Layer> Layers { get; }

    /// <summary>How many inputs the model takes: 784, MNIST's pixels.</summary>
    public int Inputs => Shape.Inputs;

    /// <summary>How many outputs the model gives: 10, a probability per digit.</summary>
    public int Outputs => Shape.Outputs;

    /// <summary>The widths from input to output, as `train` writes them: "784-128-10".</summary>
    public string Widths => Shape.ToString();

    /// <summary>Weights and biases, all layers together.</summary>
    public int ParameterCount => Shape.ParameterCount;

    /// <summary>The optimizer <see cref="Compile"/> set; null before it is called.</summary>
    public Optimizer? Optimizer { get; private set; }

    /// <summary>Whether <see cref="Fit"/> has trained the weights (a loaded model counts as trained).</summary>
    public bool IsTrained { get; private set; }

    /// <summary>The accelerator the model runs on, opening it if it is not open yet (as `train` picks it, unless one was named).</summary>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public string Device => OpenDevice().Description.ToString();

    /// <summary>The name of the device <see cref="Device"/> describes, e.g. "ILGPU CPU accelerator (2 cores)", opening it if it is not open yet.</summary>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public string DeviceName => OpenDevice().Description.Name;

    internal MlpShape Shape { get; }

    internal float DropoutRate { get; }

    /// <summary>
    /// A new model of <paramref name="layers"/> on <paramref name="inputs"/> inputs, its weights
    /// initialised as Keras does (Glorot uniform, zero biases; seed 0). The kernels train the seed's
    /// family of models: Dense(n, Relu) hidden layers, each optionally followed by Dropout (one rate
    /// for all), under a Dense(10, Softmax) output.
    /// </summary>
    /// <param name="inputs">Pixels per image: 784.</param>
    /// <param name="layers">The layers in order, e.g. [Dense(128, Relu), Dropout(0.2), Dense(10, Softmax)].</param>
    /// <param name="accelerator">"auto" (CUDA, then an OpenCL GPU, then the CPU, as `train` picks), "cuda", "opencl" or "cpu".</param>
    /// <returns>The model; dispose it to free the accelerator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layers"/> or <paramref name="accelerator"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument describes a model the kernels cannot train, or names no accelerator; the exception names the argument (and the layer).</exception>
    public static Sequential Create(int inputs, IReadOnlyList<Layer> layers, string accelerator = "auto")
    {
        ArgumentNullException.ThrowIfNull(layers);
        var kind = ParseAccelerator(accelerator);
        if (inputs != Dataset.ImagePixels)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs, $"the model takes MNIST's {Dataset.ImagePixels} pixels (28 x 28); {inputs} inputs cannot be trained");
        }

        var (hidden, dropout) = LayerPlan.Read(layers, nameof(layers));
        var shape = new MlpShape(inputs, hidden, Training.Data.Mnist.Classes);
        return new Sequential(shape, layers.ToArray(), dropout, GlorotUniform.Initialize(shape, seed: 0), kind);
    }

    /// <summary>A model saved by <see cref="Save"/> or `handwriting train` (model.bin), ready to evaluate, predict or export.</summary>
    /// <param name="path">The model file.</param>
    /// <param name="accelerator">As for <see cref="Create"/>.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ModelFileException">There is no file at <paramref name="path"/> ("PATH does not exist"), or it cannot be read, is damaged, or is not a model of MNIST's 784 pixels and 10 digits; the message names the file.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or <paramref name="accelerator"/> names no accelerator.</exception>
    public static Sequential Load(string path, string accelerator = "auto")
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var kind = ParseAccelerator(accelerator);
        var (shape, parameters) = ModelFile.Load(path);
        if (shape.Inputs != SavedNetwork.Pixels || shape.Outputs != SavedNetwork.Digits)
        {
            throw new ModelFileException($"{path}: the network {shape} does not take {SavedNetwork.Pixels} pixels to {SavedNetwork.Digits} digits");
        }

        var layers = shape.Hidden.Select(width => (Layer)new DenseLayer(width, Activation.Relu)).Append(new DenseLayer(shape.Outputs, Activation.Softmax)).ToArray();
        return new Sequential(shape, layers, 0f, parameters, kind) { IsTrained = true };
    }

    /// <summary>Keras's model.summary(): each layer with its output shape and parameter count.</summary>
    /// <returns>A table, one line per layer, and the total.</returns>
    public string Summary()
    {
        var lines = new List<string> { $"{"Layer",-18} {"Output",-10} {"Parameters",12}" };
        int width = Inputs;
        foreach (var layer in Layers)
        {
            string output = layer is DenseLayer dense ? $"(N, {dense.Units})" : $"(N, {width})";
            long parameters = layer is DenseLayer d ? ((long)width * d.Units) + d.Units : 0;
            width = layer is DenseLayer next ? next.Units : width;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{layer,-18} {output,-10} {parameters,12:N0}"));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"Total parameters: {ParameterCount:N0}"));
        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>Keras's model.compile(): sets how <see cref="Fit"/> trains. Accuracy is always measured alongside the loss.</summary>
    /// <param name="optimizer">The optimizer, <see cref="Optimizer.Adam"/>.</param>
    /// <param name="loss">The loss; sparse categorical cross-entropy, the one the kernels compute.</param>
    /// <exception cref="ArgumentNullException"><paramref name="optimizer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="loss"/> is not a <see cref="Loss"/>.</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public void Compile(Optimizer optimizer, Loss loss = Loss.SparseCategoricalCrossentropy)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(optimizer);
        if (!Enum.IsDefined(loss))
        {
            throw new ArgumentOutOfRangeException(nameof(loss), loss, "not a Loss");
        }

        Optimizer = optimizer;
    }

    /// <summary>
    /// Keras's model.fit(): trains on <paramref name="train"/>, holding out its last
    /// <paramref name="validationSplit"/> (before shuffling, as Keras does) to validate on after
    /// every epoch. Training starts from the weights <see cref="Create"/> initialised (each call
    /// trains afresh, as `handwriting train` does), with a new shuffle order every epoch from
    /// <paramref name="seed"/>.
    /// </summary>
    /// <param name="train">The images to train on.</param>
    /// <param name="epochs">Passes over the training images, at least 1.</param>
    /// <param name="batchSize">Images per step, at least 1.</param>
    /// <param name="validationSplit">The fraction held out, in [0, 1).</param>
    /// <param name="seed">Seeds the shuffle and the dropout masks; the same seed on the same accelerator gives the same weights.</param>
    /// <param name="progress">Hears each finished epoch (as does <see cref="EpochEnded"/>); null for silence.</param>
    /// <param name="cancellationToken">Stops training at the next run of steps (at most 64); the model keeps its previous weights.</param>
    /// <returns>The history of every epoch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument is out of range, or the split leaves no image to train on; the exception names it.</exception>
    /// <exception cref="InvalidOperationException"><see cref="Compile"/> has not been called.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> stopped training (a <see cref="TrainingInterruptedException"/>).</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public History Fit(
        Dataset train,
        int epochs = 1,
        int batchSize = 32,
        double validationSplit = 0.0,
        int seed = 0,
        IProgress<Epoch>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentOutOfRangeException.ThrowIfLessThan(epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        if (!(validationSplit >= 0 && validationSplit < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationSplit), validationSplit, "the validation split must be at least 0 and below 1");
        }

        if ((int)(train.Count * (1.0 - validationSplit)) < 1)
        {
            throw new ArgumentException($"{train.Count} images with a validation split of {validationSplit.ToString(CultureInfo.InvariantCulture)} leave none to train on", nameof(train));
        }

        var optimizer = Optimizer ?? throw new InvalidOperationException("call Compile(optimizer) before Fit, as in Keras");
        var options = TrainingPresets.Seed with
        {
            Epochs = epochs,
            BatchSize = batchSize,
            Hidden = Shape.Hidden,
            DropoutRate = DropoutRate,
            Adam = optimizer.Settings,
            Schedule = LearningRateSchedule.Constant,
            ValidationSplit = validationSplit,
            Seed = seed,
            Limit = null,
            Augmentation = null,
        };

        // The session always scores a test set after training; Evaluate scores the caller's, so it
        // gets one image here (negligible) and its score is not used.
        var session = new TrainingSession(new SessionSettings
        {
            Training = options,
            Device = OpenDevice(),
            Data = new MnistData(train.Images, train.Images.Take(1)),
        });
        var report = session.Run(new FitObserver(epochs, progress, epoch => EpochEnded?.Invoke(this, epoch), null), cancellationToken);
        Replace(report.Outcome.Parameters);
        IsTrained = true;
        return new History(report.Outcome.History.Select(e => Epoch.From(e, epochs)).ToArray(), report.Outcome.TrainingSeconds);
    }

    /// <summary>Keras's model.evaluate(): the loss and accuracy on <paramref name="test"/>.</summary>
    /// <param name="test">Labelled images, e.g. <see cref="MnistDataset.Test"/>.</param>
    /// <returns>The score; its ToString() is the line `train` prints, "test_loss: ... - test_accuracy: ...".</returns>
    /// <exception cref="ArgumentNullException"><paramref name="test"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public EvaluationScore Evaluate(Dataset test)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(test);
        var device = OpenDevice();
        using var images = new DeviceDataset(device.Accelerator, test.Images);
        return new EvaluationScore(Evaluation.Run(device, Network(), images));
    }

    /// <summary>Keras's model.predict(): what the model says of each image of <paramref name="images"/> (their labels are not used).</summary>
    /// <param name="images">The images.</param>
    /// <returns>One prediction per image, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public IReadOnlyList<DigitProbabilities> Predict(Dataset images) => Evaluate(images).AllProbabilities();

    /// <summary>Keras's model.predict() on raw pixels: <paramref name="images"/> holds N images of 784 values in [0, 1], row-major, one after the other.</summary>
    /// <param name="images">N x 784 pixels.</param>
    /// <returns>One prediction per image, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="images"/> is null.</exception>
    /// <exception cref="ArgumentException">The pixels are not whole 784-pixel images, or one is NaN or outside [0, 1]; the exception names the argument and the image.</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public IReadOnlyList<DigitProbabilities> Predict(float[] images)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(images);
        if (images.Length == 0 || images.Length % Inputs != 0)
        {
            throw new ArgumentException($"{images.Length} pixels are not a whole number of {Inputs}-pixel images (28 x 28 each)", nameof(images));
        }

        PixelCheck.RequireUnitRange(images, nameof(images));
        float[] probabilities = Prediction.Probabilities(OpenDevice(), Network(), images);
        int classes = Shape.Outputs;
        return Enumerable.Range(0, images.Length / Inputs)
            .Select(i => new DigitProbabilities(probabilities.AsSpan(i * classes, classes)))
            .ToArray();
    }

    /// <summary>Writes the model as a model file (what `handwriting train` writes as model.bin), whole or not at all.</summary>
    /// <param name="path">The file to write; its folder must exist.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist; the message names it.</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public void Save(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequireFolder(path);
        ModelFile.Save(path, Shape, _parameters);
    }

    /// <summary>Writes the model as an ONNX model (opset 13): input "image" float[N, 784], output "probabilities" float[N, 10], for any ONNX runtime.</summary>
    /// <param name="path">The .onnx file to write; its folder must exist.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist; the message names it.</exception>
    /// <exception cref="ObjectDisposedException">The model was disposed.</exception>
    public void ExportOnnx(string path)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        RequireFolder(path);
        OnnxExport.Save(path, Shape, _parameters);
    }

    /// <summary>Frees the weights on the accelerator and closes it.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _network?.Dispose();
        _network = null;
        _device?.Dispose();
        _device = null;
    }

    /// <summary>Reads an accelerator's name as --accelerator does.</summary>
    internal static AcceleratorKind ParseAccelerator(string accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return AcceleratorKinds.TryParse(accelerator, out var kind)
            ? kind
            : throw new ArgumentException($"'{accelerator}' is not an accelerator: auto, cuda, opencl or cpu", nameof(accelerator));
    }

    private ComputeDevice OpenDevice()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _device ??= ComputeDevice.Open(_accelerator);
    }

    private DeviceNetwork Network() => _network ??= new DeviceNetwork(OpenDevice(), Shape, _parameters, Trainer.EvaluationRows);

    private void Replace(float[] parameters)
    {
        _parameters = parameters;
        _network?.Dispose();
        _network = null;
    }

    private static void RequireFolder(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"cannot write {path}: the folder {folder} does not exist"); // AtomicFile's words, before any work
        }
    }
}
