namespace Handwriting.Kernels;

/// <summary>
/// One training step of a multi-layer perceptron on the device, written once: the batch read from
/// the dataset's bytes, forward through every layer, the loss, backward from the last layer to the
/// first, then Adam. The fused CPU step
/// (<see cref="CpuTrainingStepBody"/>, every thread of one launch) and the separate launches
/// (DeviceNetwork) both run this sequence, so they cannot drift apart; the float64 twin is
/// ReferenceNetwork.TrainStep. As llm.c's train_gpt2.c: batch, forward, loss, backward, update.
/// </summary>
public static class TrainingStepSequence
{
    /// <summary>The batch, forward, loss, backward and Adam over <paramref name="layers"/> layers.</summary>
    public static void Run<TOps>(ref TOps ops, int layers)
        where TOps : struct, ITrainingStepOps
    {
        ops.ReadBatch();
        ops.Barrier();
        Forward(ref ops, layers);
        ops.Loss();
        ops.Barrier();
        Backward(ref ops, layers);
        ops.Adam();
    }

    /// <summary>Each layer reads what the one before it wrote.</summary>
    public static void Forward<TOps>(ref TOps ops, int layers)
        where TOps : struct, ITrainingStepOps
    {
        for (int l = 0; l < layers; l++)
        {
            ops.Forward(l);
            ops.Barrier();
        }
    }

    /// <summary>
    /// From the loss's gradient to the first layer. The weight gradient of layer l and the gradient
    /// into layer l - 1 read the same upstream gradient and write different buffers: one barrier for both.
    /// </summary>
    public static void Backward<TOps>(ref TOps ops, int layers)
        where TOps : struct, ITrainingStepOps
    {
        for (int l = layers - 1; l >= 0; l--)
        {
            ops.WeightGradient(l);
            if (l > 0)
            {
                ops.InputGradient(l);
            }

            ops.Barrier();
        }
    }
}
