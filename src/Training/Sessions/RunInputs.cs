using Handwriting.Kernels.Devices;
using Handwriting.Training.Data;

namespace Handwriting.Training.Sessions;

/// <summary>
/// A session's data and device, made ready side by side: MNIST read and split by the options,
/// the device open with the run's kernels compiled. Owns the device when it opened it.
/// </summary>
internal sealed class RunInputs : IDisposable
{
    private readonly ComputeDevice? _owned;

    private RunInputs(MnistData mnist, ImageSet train, ImageSet validation, ComputeDevice device, ComputeDevice? owned)
    {
        Mnist = mnist;
        Train = train;
        Validation = validation;
        Device = device;
        _owned = owned;
    }

    public MnistData Mnist { get; }

    public ImageSet Train { get; }

    public ImageSet Validation { get; }

    public ComputeDevice Device { get; }

    /// <summary>
    /// Reads MNIST and opens the accelerator, side by side when the files are present: reading them
    /// (about 0.5 s) runs on a second core while this thread opens the device and compiles the
    /// run's kernels (about 0.5 s more; BENCHMARKS.md's breakdown). The device is opened on this
    /// thread, as CUDA wants. When files must be fetched first, or reading them fails, the order
    /// is the plain one and data errors come first. <paramref name="opened"/> hears of the device
    /// as soon as it is open, for the clock's compile seconds.
    /// </summary>
    public static RunInputs Prepare(SessionSettings settings, ITrainingObserver observer, PhaseClock clock, Action<ComputeDevice> opened)
    {
        var options = settings.Training;
        var loading = settings.Data is { } given ? Task.FromResult(Split(given, options))
            : MnistDirectory.AllPresent(settings.DataFolder) ? Task.Run(() => Split(MnistData.LoadOrFetch(settings.DataFolder, observer.OnMessage), options))
            : Task.FromResult(Split(MnistData.LoadOrFetch(settings.DataFolder, observer.OnMessage), options));
        ComputeDevice? owned = null;
        try
        {
            var device = settings.Device ?? (owned = ComputeDevice.Open(settings.Accelerator));
            opened(device);
            Trainer.Precompile(device, options);
            clock.Lap(Phase.Setup);
            var (mnist, train, validation) = loading.GetAwaiter().GetResult();
            TrainingSettingsException.Translate(() => RunData.RequireImages(MnistDirectory.Resolve(settings.DataFolder), mnist, train, options));
            clock.Lap(Phase.Data);
            var inputs = new RunInputs(mnist, train, validation, device, owned);
            owned = null; // the inputs own it now
            return inputs;
        }
        catch
        {
            RethrowDataError(loading); // a data error is reported first, as when the two ran in turn
            throw;
        }
        finally
        {
            owned?.Dispose();
        }
    }

    public void Dispose() => _owned?.Dispose();

    /// <summary>The options' limit and validation split applied to MNIST's training images.</summary>
    private static (MnistData Mnist, ImageSet Train, ImageSet Validation) Split(MnistData mnist, TrainingOptions options)
    {
        var available = options.Limit is int limit ? mnist.Train.Take(Math.Min(limit, mnist.Train.Count)) : mnist.Train;
        var (train, validation) = available.Split(options.ValidationSplit);
        return (mnist, train, validation);
    }

    /// <summary>Waits for the loading; rethrows its failure only when it is a data error, which outranks the caller's.</summary>
    private static void RethrowDataError(Task<(MnistData, ImageSet, ImageSet)> loading)
    {
        try
        {
            loading.GetAwaiter().GetResult();
        }
        catch (Exception error) when (error is not MnistDataException and not TrainingSettingsException)
        {
        }
    }
}
