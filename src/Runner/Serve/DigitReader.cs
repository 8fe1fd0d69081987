using Handwriting.Api;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Display;
using Handwriting.Runner.Images;
using Handwriting.Training.Images;

namespace Handwriting.Runner.Serve;

/// <summary>What the server answers for one upload: <see cref="DigitAnswer"/> and the 28x28 field the network saw.</summary>
public sealed record DigitReading(DigitAnswer Answer, float[] Prepared);

/// <summary>
/// The model on its device, loaded once, and the way every upload is read: decoded and prepared
/// exactly as `predict` reads a file (<see cref="DigitImageFile"/>, <see cref="DigitPreparation"/>),
/// then answered by <see cref="DigitAnswer.For"/> with the same kernels.
/// <para>
/// Concurrency: at most <see cref="Working"/> uploads are decoded and prepared at once (CPU work,
/// in parallel); the forward pass takes a lock, because an ILGPU accelerator's stream and the
/// network's activation buffers serve one launch sequence at a time. At most
/// <see cref="MaxQueued"/> uploads wait or work at once; beyond that an upload is refused at once
/// (<see cref="ServerBusyException"/>) instead of piling up memory.
/// </para>
/// <para>
/// Memory: an image's header is read first (<see cref="EncodedImage"/>); one above
/// <see cref="LargeImagePixels"/> waits for its turn to decode, one large image at a time, so that
/// the decoding memory of all uploads together stays near what the largest image allowed needs
/// (<see cref="DigitImageFile.MaxPixels"/>), however many arrive at once. After each large image
/// the server gives that memory back to the system (<see cref="MemoryReturn"/>), so that its
/// resident size falls back near its idle level instead of staying at its peak until later load
/// happens to trigger a full collection.
/// </para>
/// </summary>
public sealed class DigitReader : IDisposable
{
    /// <summary>How many uploads wait or work at once before the server answers "busy".</summary>
    public const int MaxQueued = 64;

    private readonly Sequential _model;
    private readonly SemaphoreSlim _working;
    private readonly SemaphoreSlim _large = new(1, 1);
    private readonly Lock _deviceLock = new();
    private int _queued;
    private bool _disposed;

    private DigitReader(Sequential model, string modelPath)
    {
        _model = model;
        ModelPath = modelPath;
        _working = new SemaphoreSlim(Working, Working);
    }

    /// <summary>
    /// Above this many pixels (16 MB as luminance, as much again as RGBA while decoding) an image
    /// takes the large-image turn. A drawing from the page is 0.08 megapixels; a phone photo, 12.
    /// </summary>
    public const long LargeImagePixels = 4_000_000;

    /// <summary>Uploads decoded and prepared at once: one per core, at most four.</summary>
    public static int Working { get; } = Math.Clamp(Environment.ProcessorCount, 1, 4);

    public string ModelPath { get; }

    /// <summary>The network's shape and the device it runs on, as the page shows them.</summary>
    public string Description => $"{_model.Widths} on {_model.DeviceName}";

    /// <summary>The model at <paramref name="modelPath"/> through the library's API, its device opened now (so that `serve` fails at start, not at the first upload).</summary>
    public static DigitReader Open(AcceleratorKind accelerator, string modelPath)
    {
        var model = Sequential.Load(modelPath, accelerator.Name());
        try
        {
            _ = model.DeviceName;
            return new DigitReader(model, modelPath);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Reads one uploaded image; <paramref name="name"/> is its name in the answer.</summary>
    public async Task<DigitReading> ReadAsync(byte[] encoded, string name, CancellationToken cancel)
    {
        if (Interlocked.Increment(ref _queued) > MaxQueued)
        {
            Interlocked.Decrement(ref _queued);
            throw new ServerBusyException($"{MaxQueued} images are being read already; try again in a moment");
        }

        try
        {
            // The header alone: cheap, and it refuses a bomb before any pixel is decoded.
            using EncodedImage image = DigitImageFile.Open(encoded, name);
            if (image.Pixels <= LargeImagePixels)
            {
                return await WorkAsync(image, cancel).ConfigureAwait(false);
            }

            await _large.WaitAsync(cancel).ConfigureAwait(false);
            try
            {
                return await WorkAsync(image, cancel).ConfigureAwait(false);
            }
            finally
            {
                // Still holding the turn, so no other large image is decoding while this one's
                // arrays (unreachable now) are collected and their memory handed back.
                MemoryReturn.AfterLargeImage();
                _large.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _queued);
        }
    }

    public void Dispose()
    {
        lock (_deviceLock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _model.Dispose();
        }

        _working.Dispose();
        _large.Dispose();
    }

    private async Task<DigitReading> WorkAsync(EncodedImage image, CancellationToken cancel)
    {
        await _working.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            return Read(image);
        }
        finally
        {
            _working.Release();
        }
    }

    private DigitReading Read(EncodedImage image)
    {
        float[] prepared = Prepare(image);
        lock (_deviceLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return new DigitReading(DigitAnswer.For(_model, [(image.Name, prepared, null)])[0], prepared);
        }
    }

    /// <summary>Decoded and prepared in a method of its own, so that the luminance is unreachable once it returns.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static float[] Prepare(EncodedImage image)
    {
        LuminanceImage luminance = image.Decode();
        return DigitPreparation.Prepare(luminance.Luminance, luminance.Width, luminance.Height);
    }
}
