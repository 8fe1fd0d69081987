using Handwriting.Kernels;
using Handwriting.Kernels.Reference;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Training.Checks.Adapters;

/// <summary>One Augment launch's inputs: images is (SourceImages, Side x Side), indices (Rows).</summary>
internal sealed record AugmentInputs(int Side, byte[] Images, int[] Indices, AugmentRanges Ranges, uint Seed, uint Step);

/// <summary>
/// Every call `check` makes into Augment's launcher, its reference and the draws, in one place.
/// </summary>
internal static class AugmentAdapter
{
    public static float[] Kernel(CheckTarget target, AugmentInputs x)
    {
        var device = target.Device;
        using var source = DeviceArrays.Upload(device, x.Images);
        using var indices = DeviceArrays.Upload(device, x.Indices);
        using var destination = DeviceArrays.NaNs(device, (long)x.Indices.Length * x.Side * x.Side);
        device.Ops.Augment.Run(source.View, indices.View, destination.View, x.Indices.Length, x.Side, x.Ranges, x.Seed, x.Step);
        return DeviceArrays.Download(device, destination);
    }

    public static double[] Reference(AugmentInputs x)
    {
        var destination = new double[(long)x.Indices.Length * x.Side * x.Side];
        AugmentReference.Run(x.Images, x.Indices, destination, x.Indices.Length, x.Side, x.Ranges, x.Seed, x.Step);
        return destination;
    }

    /// <summary>The draws of rows images as the device computes them: (rows, AugmentDrawProbe.PerRow).</summary>
    public static float[] DeviceDraws(CheckTarget target, int rows, AugmentRanges ranges, uint seed, uint step)
    {
        var device = target.Device;
        var probe = device.Accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, AugmentRanges, uint, uint>(AugmentDrawProbe.Kernel);
        using var draws = DeviceArrays.NaNs(device, (long)rows * AugmentDrawProbe.PerRow);
        probe(rows * AugmentDrawProbe.PerRow, draws.View, ranges, seed, step);
        return DeviceArrays.Download(device, draws);
    }

    /// <summary>The same draws on the host, where the reference takes them from.</summary>
    public static double[] HostDraws(int rows, AugmentRanges ranges, uint seed, uint step)
    {
        var draws = new double[rows * AugmentDrawProbe.PerRow];
        for (int i = 0; i < draws.Length; i++)
        {
            draws[i] = AugmentDrawProbe.Draw(ranges, seed, step, i / AugmentDrawProbe.PerRow, i % AugmentDrawProbe.PerRow);
        }

        return draws;
    }
}
