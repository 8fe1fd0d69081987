namespace Handwriting.Kernels;

/// <summary>
/// The ops of one training step on one batch, by layer index (layer 0 reads the batch ReadBatch left, the last
/// one writes the logits), as <see cref="TrainingStepSequence"/> calls them. Two implementations:
/// the fused CPU step's bodies on raw pointers (<see cref="CpuTrainingStepBody"/>) and the device
/// network's separate launches (DeviceNetwork in Handwriting.Training). Each knows where its
/// layers' buffers and dropout seeds are (one <see cref="StepLayer"/> per layer).
/// </summary>
public interface ITrainingStepOps
{
    /// <summary>The batch's images from the dataset's bytes into layer 0's float input (<see cref="PixelBatch"/>); nothing where the batch is there already (augmentation wrote it).</summary>
    void ReadBatch();

    /// <summary>x_l = dropout(relu(x_{l-1} . W_l + b_l)) for a hidden layer; the logits for the last (neither ReLU nor dropout).</summary>
    void Forward(int layer);

    /// <summary>Softmax cross-entropy of the logits: each row's loss and hit, and the gradient of the batch's mean loss.</summary>
    void Loss();

    /// <summary>dW_l = x_{l-1}^T . dz_l and db_l = column sums of dz_l, where dz_l is the gradient before layer l's activation.</summary>
    void WeightGradient(int layer);

    /// <summary>dz_{l-1} = (dz_l . W_l^T) through layer l - 1's dropout and ReLU (layer &gt; 0).</summary>
    void InputGradient(int layer);

    /// <summary>One Adam step over every parameter.</summary>
    void Adam();

    /// <summary>Waits until every thread has finished what the sequence asked before: the fused step's spin barrier; nothing where each op is its own launch, which the device orders.</summary>
    void Barrier();
}
