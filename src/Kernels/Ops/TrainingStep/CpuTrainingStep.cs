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
    private readonly Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<AdamStep>, StepSettings> _kernel;

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
    /// <paramref name="steps"/> steps over <paramref name="rows"/> images each, one after the other
    /// in one launch, as many calls of one step would take them (the same bits). Step s reads its
    /// batch at s * rows in <paramref name="pixelRows"/> and <paramref name="labels"/>, writes
    /// each image's loss and hit at s * rows in <paramref name="losses"/> and
    /// <paramref name="correct"/> (as <see cref="SoftmaxCrossEntropy"/> writes them), draws
    /// dropout's mask for step <paramref name="drawStep"/> + s and updates the parameters with
    /// <paramref name="adam"/>[s]. With <paramref name="pixels"/> given, a step first reads its
    /// batch from the dataset's bytes into <paramref name="input"/> (rows, I) as
    /// <see cref="PixelBatch"/> does: input row r is pixels[pixelRows[s * rows + r]] / 255 (or row
    /// s * rows + r when pixelRows is empty); with pixels empty, input already holds the batch
    /// (augmentation wrote it), and a launch takes one step. The table's layers must fit the
    /// parameters and the workspace (the caller builds both from one shape).
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
        int steps,
        float dropoutRate,
        uint drawStep,
        ArrayView<AdamStep> adam)
    {
        int layers = (int)((table.Length - SpinBarrier.StateInts) / StepLayer.Ints);
        Require.Positive(rows, nameof(rows));
        Require.Positive(steps, nameof(steps));
        Require.Positive(layers, nameof(table));
        Require.Rate(dropoutRate, nameof(dropoutRate));
        Require.Length(gradients, parameters.Length, nameof(gradients), $"({parameters.Length})");
        Require.Length(m, parameters.Length, nameof(m), $"({parameters.Length})");
        Require.Length(v, parameters.Length, nameof(v), $"({parameters.Length})");
        long images = (long)rows * steps;
        if (pixels.Length != 0)
        {
            CheckBatches(pixels, pixelRows, input, rows, steps);
        }
        else if (steps != 1)
        {
            throw new ArgumentException($"a launch that reads its batch from the input takes one step, not {steps}", nameof(steps));
        }

        Require.Length(labels, images, nameof(labels), $"({rows} x {steps})");
        Require.Length(losses, images, nameof(losses), $"({rows} x {steps})");
        Require.Length(correct, images, nameof(correct), $"({rows} x {steps})");
        Require.Length(adam, steps, nameof(adam), $"({steps})");
        var launch = _ops.LaunchingCpuOnly();
        var settings = new StepSettings(rows, layers, steps, dropoutRate, drawStep, launch);
        _kernel(launch.Threads, parameters, gradients, m, v, pixels, pixelRows, input, labels, losses, correct, workspace, table, adam, settings);
    }

    /// <summary>As <see cref="PixelBatch"/> checks one batch: here the row indices (or the dataset's rows) of every step, read into an input of one step's rows.</summary>
    private static void CheckBatches(ArrayView<byte> pixels, ArrayView<int> pixelRows, ArrayView<float> input, int rows, int steps)
    {
        long images = (long)rows * steps;
        int inputs = (int)(input.Length / rows);
        Require.Positive(inputs, nameof(input));
        Require.Length(input, (long)rows * inputs, nameof(input), $"({rows}, {inputs})");
        if (pixelRows.Length == 0)
        {
            Require.Length(pixels, images * inputs, nameof(pixels), $"({rows} x {steps}, {inputs})");
        }
        else
        {
            Require.Length(pixelRows, images, nameof(pixelRows), $"({rows} x {steps})");
            Require.WholeRows(pixels, inputs, nameof(pixels), $"rows of {inputs}");
        }
    }

    private static Action<Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<AdamStep>, StepSettings> Load<TL, TV>(DeviceOps ops)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        ops.Accelerator.LoadAutoGroupedStreamKernel<
            Index1D, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<byte>, ArrayView<int>, ArrayView<float>, ArrayView<int>, ArrayView<float>, ArrayView<float>, ArrayView<float>, ArrayView<int>, ArrayView<AdamStep>, StepSettings>(Kernel<TL, TV>);

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
        ArrayView<AdamStep> adam,
        StepSettings settings)
        where TL : struct, ILanes<TV>
        where TV : struct =>
        Body<TL, TV>(thread, parameters, gradients, m, v, pixels, pixelRows, input, labels, losses, correct, workspace, table, adam, settings);

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
        ArrayView<AdamStep> adam,
        StepSettings settings)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        fixed (float* pp = &CpuView.First(parameters), pg = &CpuView.First(gradients), pm = &CpuView.First(m), pv = &CpuView.First(v))
        fixed (float* px = &CpuView.First(input), ps = &CpuView.First(losses), pc = &CpuView.First(correct), pw = &CpuView.First(workspace))
        fixed (int* pr = &CpuView.First(pixelRows), pl = &CpuView.First(labels), pt = &CpuView.First(table))
        fixed (byte* pb = &CpuView.First(pixels))
        fixed (AdamStep* pa = &CpuView.First(adam))
        {
            CpuTrainingStepBody.Run<TL, TV>(thread, pp, pg, pm, pv, pb, pr, px, pl, ps, pc, pw, pt, pa, settings);
        }
    }
}
