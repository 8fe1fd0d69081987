using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Training.Network;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training;

/// <summary>
/// What augmentation does to the training images, for a plot beside the run: the first images
/// of the training set (in file order, not the first batch's shuffled ones), distorted by the
/// draws the first optimiser step makes for batch rows 0, 1, 2, ... (the same kernel and the
/// same seed as <see cref="Trainer"/>).
/// </summary>
public static class AugmentationPreview
{
    /// <summary>The first <paramref name="count"/> training images (fewer if the set is smaller), augmented; each has train.Width pixels.</summary>
    public static IReadOnlyList<float[]> Of(ComputeDevice device, DeviceDataset train, AugmentRanges ranges, int runSeed, int count)
    {
        int rows = Math.Min(count, train.Count);
        int side = Trainer.ImageSide(train.Width);
        using var indices = device.Accelerator.Allocate1D(Enumerable.Range(0, rows).ToArray());
        using var augmented = device.Accelerator.Allocate1D<float>((long)rows * train.Width);
        device.Ops.Augment.Run(train.Pixels, indices.View, augmented.View, rows, side, ranges, Trainer.AugmentSeedOf(runSeed), step: 0);
        float[] pixels = augmented.GetAsArray1D();
        device.Counters.Synchronized();
        return Enumerable.Range(0, rows).Select(r => pixels.AsSpan(r * train.Width, train.Width).ToArray()).ToArray();
    }
}
