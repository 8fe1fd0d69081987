using System.Runtime.CompilerServices;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// A whole training step in one CPU-only launch: what <see cref="DenseForward"/>,
/// <see cref="SoftmaxCrossEntropy"/>, <see cref="WeightGradient"/>, <see cref="InputGradient"/>
/// and <see cref="Adam"/> do in 2L + 3 launches (L layers), done by the same CPU-only bodies in
/// the same order, each thread taking its share of every op, with a <see cref="SpinBarrier"/>
/// wherever an op reads what the previous one wrote. The bits are those of the separate launches.
/// A launch costs 33-45 us on the CPU accelerator and a barrier about 3 (FIELD-NOTES): at batch 32
/// the seed model's 7 launches a step cost about as much as their arithmetic.
/// </summary>
internal static unsafe class CpuTrainingStepBody
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int thread, float* parameters, float* gradients, float* m, float* v, byte* pixels, int* pixelRows, float* input, int* labels, float* losses, float* correct, float* workspace, int* table, StepSettings settings)
    {
        var share = settings.Launch.Share(thread);
        var width = settings.Launch.Width;
        int threads = settings.Launch.Threads;
        int* barrier = table;
        int* layers = table + SpinBarrier.StateInts;
        int rows = settings.Rows;
        int last = settings.Layers - 1;
        var first = StepLayer.ReadFrom(layers);

        // The batch's images, from the dataset's bytes into the float input the layers read (what
        // PixelBatch does in a launch of its own on the separate path); absent when the caller put
        // the batch there already (augmentation).
        if (pixels != null)
        {
            PixelBatchBody.Run(share, pixels, pixelRows, input, rows, first.In);
            SpinBarrier.Wait(barrier, threads);
        }

        for (int l = 0; l <= last; l++)
        {
            var layer = StepLayer.ReadFrom(layers + (l * StepLayer.Ints));
            bool hidden = l < last;
            float* x = l == 0 ? input : workspace + StepLayer.ReadFrom(layers + ((l - 1) * StepLayer.Ints)).OutputOffset;
            var dropout = new DropoutSettings(hidden ? settings.DropoutRate : 0f, layer.DropoutSeed, settings.DrawStep);
            var layout = new DenseLayout(rows, layer.In, layer.Out, 1, 0, hidden ? Activation.Relu : Activation.None, dropout, 0);
            DenseForwardSimdBody.Run(share, x, null, parameters + layer.WeightsOffset, parameters + layer.BiasOffset, workspace + layer.OutputOffset, layout, width);
            SpinBarrier.Wait(barrier, threads);
        }

        var logits = StepLayer.ReadFrom(layers + (last * StepLayer.Ints));
        SoftmaxCrossEntropyCpuBody.Run(share, workspace + logits.OutputOffset, labels, losses, correct, workspace + logits.OutputGradientOffset, rows, logits.Out);
        SpinBarrier.Wait(barrier, threads);

        for (int l = last; l >= 0; l--)
        {
            // The weight gradient of layer l and the gradient into layer l - 1 read the same
            // upstream gradient and write different buffers: one barrier for both.
            var layer = StepLayer.ReadFrom(layers + (l * StepLayer.Ints));
            float* upstream = workspace + layer.OutputGradientOffset;
            var below = l > 0 ? StepLayer.ReadFrom(layers + ((l - 1) * StepLayer.Ints)) : default;
            float* layerInput = l == 0 ? input : workspace + below.OutputOffset;
            var weights = new DenseBackwardLayout(rows, layer.In, layer.Out, 0, 0);
            WeightGradientSimdBody.Run(share, layerInput, null, upstream, gradients + layer.WeightsOffset, weights, width);
            if (l > 0)
            {
                var into = new DenseBackwardLayout(rows, layer.Out, layer.In, 0, 0);
                InputGradientSimdBody.Run(share, upstream, parameters + layer.WeightsOffset, layerInput, workspace + below.OutputGradientOffset, into, InputGradient.Scale(settings.DropoutRate), width);
            }

            SpinBarrier.Wait(barrier, threads);
        }

        // Adam layer by layer, each thread on the columns it computed in the forward pass and the
        // weight gradient, so that a core updates the weights its own cache holds.
        for (int l = 0; l <= last; l++)
        {
            var layer = StepLayer.ReadFrom(layers + (l * StepLayer.Ints));
            AdamSimdBody.RunColumns(share, parameters, gradients, m, v, layer.WeightsOffset, layer.In, layer.Out, settings.Adam, width);
            AdamSimdBody.RunColumns(share, parameters, gradients, m, v, layer.BiasOffset, 1, layer.Out, settings.Adam, width);
        }
    }
}
