using System.Runtime.CompilerServices;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// A whole training step in one CPU-only launch: <see cref="TrainingStepSequence"/> over the SIMD
/// bodies of <see cref="DenseForward"/>, <see cref="SoftmaxCrossEntropy"/>,
/// <see cref="WeightGradient"/>, <see cref="InputGradient"/> and <see cref="Adam"/>, each thread
/// taking its share of every op, with a <see cref="SpinBarrier"/> wherever an op reads what the
/// previous one wrote. The bits are those of the separate launches.
/// A launch costs 33-45 us on the CPU accelerator and a barrier about 3 (measured on our 2-core build machines): at batch 32
/// the seed model's 7 launches a step cost about as much as their arithmetic. One launch may also
/// take several steps in a row, which spares the trainer's loop one launch (and the wake-up of
/// the accelerator's threads: about 170 us a step in all, benchmarks/NOTES.md section 10) per step.
/// <para>
/// The threads split the batch's rows in the forward pass and the rows of each weight matrix (its
/// bias as one more row) in the weight gradient and Adam, so that each core writes one contiguous
/// run of the weights, their gradients and Adam's moments. The separate launches split by column
/// chunks, which gives each thread half of every 512-byte row of the seed's first layer; in the
/// fused step that made the two cores fetch each other's neighbouring lines in every op, and Adam
/// took about 115 us a step per thread where it takes 40 (benchmarks/NOTES.md section 10).
/// </para>
/// </summary>
internal static unsafe class CpuTrainingStepBody
{
    /// <summary>
    /// This thread's share of <see cref="StepSettings.Steps"/> steps, one after the other: step s
    /// reads its batch's row indices, labels and Adam settings at s and writes its losses and hits
    /// there. No barrier is needed between two steps: the next step's batch read touches only the
    /// input, which nothing reads after the last barrier of a step, and the barrier that follows
    /// the read keeps every thread's forward pass behind every thread's Adam.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run<TL, TV>(int thread, float* parameters, float* gradients, float* m, float* v, byte* pixels, int* pixelRows, float* input, int* labels, float* losses, float* correct, float* workspace, int* table, AdamStep* adam, StepSettings settings)
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        int* layers = table + SpinBarrier.StateInts;
        long pixelsPerStep = (long)settings.Rows * StepLayer.ReadFrom(layers).In;
        for (int s = 0; s < settings.Steps; s++)
        {
            long first = (long)s * settings.Rows;
            var ops = new Bodies<TL, TV>
            {
                Share = settings.Launch.Share(thread),
                Settings = settings,
                DrawStep = unchecked(settings.DrawStep + (uint)s),
                AdamStep = adam[s],
                Parameters = parameters,
                Gradients = gradients,
                M = m,
                V = v,
                // Without row indices step s reads the dataset's rows from s * Rows on.
                Pixels = pixels == null ? null : pixelRows == null ? pixels + (s * pixelsPerStep) : pixels,
                PixelRows = pixelRows == null ? null : pixelRows + first,
                NextPixelRows = pixelRows == null || s + 1 == settings.Steps ? null : pixelRows + first + settings.Rows,
                Input = input,
                Labels = labels + first,
                Losses = losses + first,
                Correct = correct + first,
                Workspace = workspace,
                BarrierState = table,
                Layers = layers,
            };
            TrainingStepSequence.Run(ref ops, settings.Layers);
        }
    }

    /// <summary>The step's ops as this thread's share of each SIMD body, on the buffers the table locates.</summary>
    private struct Bodies<TL, TV> : ITrainingStepOps
        where TL : struct, ILanes<TV>
        where TV : struct
    {
        public ThreadShare Share;
        public StepSettings Settings;
        public uint DrawStep;
        public AdamStep AdamStep;
        public float* Parameters, Gradients, M, V, Input, Losses, Correct, Workspace;
        public byte* Pixels;
        public int* PixelRows, NextPixelRows, Labels, BarrierState, Layers;

        /// <summary>This thread's share of the batch's rows, read from the bytes (null where augmentation left the batch in Input).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void ReadBatch()
        {
            if (Pixels != null)
            {
                PixelBatchBody.Run(Share, Pixels, PixelRows, Input, Settings.Rows, Layer(0).In);
                if (NextPixelRows != null)
                {
                    PixelBatchBody.Prefetch(Share, Pixels, NextPixelRows, Settings.Rows, Layer(0).In);
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Forward(int l)
        {
            var layer = Layer(l);
            bool hidden = l < Settings.Layers - 1;
            var dropout = new DropoutSettings(hidden ? Settings.DropoutRate : 0f, layer.DropoutSeed, DrawStep);
            var layout = new DenseLayout(Settings.Rows, layer.In, layer.Out, 1, 0, hidden ? Activation.Relu : Activation.None, dropout, 0);
            DenseForwardSimdBody.RunRows<TL, TV>(Share, LayerInput(l), null, Parameters + layer.WeightsOffset, Parameters + layer.BiasOffset, Workspace + layer.OutputOffset, layout);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Loss()
        {
            var logits = Layer(Settings.Layers - 1);
            SoftmaxCrossEntropySimdBody.Run<TL, TV>(Share, Workspace + logits.OutputOffset, Labels, Losses, Correct, Workspace + logits.OutputGradientOffset, Settings.Rows, logits.Out);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void WeightGradient(int l)
        {
            var layer = Layer(l);
            var layout = new DenseBackwardLayout(Settings.Rows, layer.In, layer.Out, 0, 0);
            WeightGradientSimdBody.RunRows<TL, TV>(Share, LayerInput(l), null, Workspace + layer.OutputGradientOffset, Gradients + layer.WeightsOffset, layout);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void InputGradient(int l)
        {
            var layer = Layer(l);
            var below = Layer(l - 1);
            var layout = new DenseBackwardLayout(Settings.Rows, layer.Out, layer.In, 0, 0);
            InputGradientSimdBody.Run<TL, TV>(Share, Workspace + layer.OutputGradientOffset, Parameters + layer.WeightsOffset, Workspace + below.OutputOffset, Workspace + below.OutputGradientOffset, layout, Kernels.InputGradient.Scale(Settings.DropoutRate));
        }

        /// <summary>
        /// Layer by layer, each thread on the rows of weights and bias whose gradients it computed
        /// (<see cref="WeightGradientSimdBody.RowsOf"/>): one contiguous run of each of the four
        /// arrays per thread, which its core alone writes.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Adam()
        {
            for (int l = 0; l < Settings.Layers; l++)
            {
                var layer = Layer(l);
                var (first, end) = WeightGradientSimdBody.RowsOf(Share, layer.In);
                long start = layer.WeightsOffset + ((long)first * layer.Out);
                AdamSimdBody.Update<TL, TV>(Parameters, Gradients, M, V, start, layer.WeightsOffset + ((long)end * layer.Out), AdamStep);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Barrier() => SpinBarrier.Wait(BarrierState, Settings.Launch.Threads);

        private readonly StepLayer Layer(int l) => StepLayer.ReadFrom(Layers + (l * StepLayer.Ints));

        /// <summary>The batch for layer 0 (as ReadBatch left it), else the output of the layer below.</summary>
        private readonly float* LayerInput(int l) => l == 0 ? Input : Workspace + Layer(l - 1).OutputOffset;
    }
}
