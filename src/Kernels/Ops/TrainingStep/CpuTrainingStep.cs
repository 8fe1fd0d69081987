using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels;

/// <summary>
/// CPU-only: a whole training step of a multi-layer perceptron (forward, softmax cross-entropy,
/// backward, Adam) in one launch of <see cref="CpuTrainingStepBody"/>, instead of the 2L + 3
/// launches of the separate ops, with the same bits. The network is described by a table of
/// <see cref="StepLayer"/> entries after <see cref="SpinBarrier.StateInts"/> ints of barrier
/// state; its activations and their gradients live in one workspace buffer at the table's
/// offsets. Never loaded on a GPU, where the separate ops run.
/// </summary>
public sealed class CpuTrainingStep : IDeviceOp<CpuTrainingStep>
{
    private readonly DeviceOps _ops;
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepSettings> _kernel;

    private CpuTrainingStep(DeviceOps ops, KernelVariant variant)
    {
        _ops = ops;
        Variant = variant;
        _kernel = variant.Width() switch
        {
            SimdWidth.Bits512 => Load<Lanes512, Vector512<float>>(ops),
            SimdWidth.Bits256 => Load<Lanes256, Vector256<float>>(ops),
            _ => Load<Lanes128, Vector128<float>>(ops),
        };
    }

    /// <summary>SIMD only: where the rule gives the other ops their portable or tiled kernels, the step is their separate launches.</summary>
    public static IReadOnlyList<KernelVariant> Variants { get; } = [KernelVariant.Simd128, KernelVariant.Simd256, KernelVariant.Simd512];

    public KernelVariant Variant { get; }

    static CpuTrainingStep IDeviceOp<CpuTrainingStep>.Load(DeviceOps ops, KernelVariant variant) => new(ops, variant);

    /// <summary>
    /// One step over <paramref name="rows"/> images. With <paramref name="pixels"/> given, the step
    /// first reads the batch from the dataset's bytes into <paramref name="input"/> (rows, I) as
    /// <see cref="PixelBatch"/> does: input row r is pixels[pixelRows[r]] / 255 (or row r when
    /// pixelRows is empty); with pixels empty, input already holds the batch (augmentation wrote it).
    /// labels/losses/correct are (rows) views. The table's layers must
    /// fit the parameters and the workspace (the caller builds both from one shape); losses and
    /// correct receive each image's loss and hit as <see cref="SoftmaxCrossEntropy"/> writes them.
    /// </summary>
    public void Run(
        ArrayView<float> parameters,
        ArrayView<float> gradients,
        ArrayView<float> m,
        ArrayView<float> v,
        ArrayView<byte> pixels,
        ArrayView<int> pixelRows,
        ArrayView<float> input,
        ArrayView<int> labels,
        ArrayView<float> losses,
        ArrayView<float> correct,
        ArrayView<float> workspace,
        ArrayView<int> table,
        int rows,
        float dropoutRate,
        uint drawStep,
        AdamStep adam)
    {
        int layers = (int)((table.Length - SpinBarrier.StateInts) / StepLayer.Ints);
        Require.Positive(rows, nameof(rows));
        Require.Positive(layers, nameof(table));
        Require.Rate(dropoutRate, nameof(dropoutRate));
        Require.Length(gradients, parameters.Length, nameof(gradients), $"({parameters.Length})");
        Require.Length(m, parameters.Length, nameof(m), $"({parameters.Length})");
        Require.Length(v, parameters.Length, nameof(v), $"({parameters.Length})");
        if (pixels.Length != 0)
        {
            PixelBatch.Check(pixels, pixelRows, input, rows, (int)(input.Length / rows));
        }

        Require.Length(labels, rows, nameof(labels), $"({rows})");
        Require.Length(losses, rows, nameof(losses), $"({rows})");
        Require.Length(correct, rows, nameof(correct), $"({rows})");
        var launch = _ops.LaunchingCpuOnly();
        var settings = new StepSettings(rows, layers, dropoutRate, drawStep, adam, launch);
        _kernel(launch.Threads, parameters, gradients, m, v, pixels, pixelRows, input, labels, losses, correct, workspace, table, settings);
    }

    private static Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepSettings> Load<TL, TV>(DeviceOps ops)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, StepSettings>(Kernel<TL, TV>);

    [Kernel(CpuOnly = true)]
    public static void Kernel<TL, TV>(
        Index1D thread,
        ArrayView<float> parameters,
        ArrayView<float> gradients,
        ArrayView<float> m,
        ArrayView<float> v,
        ArrayView<byte> pixels,
        ArrayView<int> pixelRows,
        ArrayView<float> input,
        ArrayView<int> labels,
        ArrayView<float> losses,
        ArrayView<float> correct,
        ArrayView<float> workspace,
        ArrayView<int> table,
        StepSettings settings)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        Body<TL, TV>(thread, parameters, gradients, m, v, pixels, pixelRows, input, labels, losses, correct, workspace, table, settings);

    [ILGPU.Frontend.External(nameof(CpuTrainingStep))]
    private static unsafe void Body<TL, TV>(
        int thread,
        ArrayView<float> parameters,
        ArrayView<float> gradients,
        ArrayView<float> m,
        ArrayView<float> v,
        ArrayView<byte> pixels,
        ArrayView<int> pixelRows,
        ArrayView<float> input,
        ArrayView<int> labels,
        ArrayView<float> losses,
        ArrayView<float> correct,
        ArrayView<float> workspace,
        ArrayView<int> table,
        StepSettings settings)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        fixed (float* pp = &CpuView.First(parameters), pg = &CpuView.First(gradients), pm = &CpuView.First(m), pv = &CpuView.First(v))
        fixed (float* px = &CpuView.First(input), ps = &CpuView.First(losses), pc = &CpuView.First(correct), pw = &CpuView.First(workspace))
        fixed (int* pr = &CpuView.First(pixelRows), pl = &CpuView.First(labels), pt = &CpuView.First(table))
        fixed (byte* pb = &CpuView.First(pixels))
        {
            CpuTrainingStepBody.Run<TL, TV>(thread, pp, pg, pm, pv, pb, pr, px, pl, ps, pc, pw, pt, settings);
        }
    }
}
