namespace Handwriting.Api;

/// <summary>What training minimises. The kernels fuse softmax with this one loss.</summary>
public enum Loss
{
    /// <summary>Cross-entropy of the softmax probabilities against integer labels, Keras's "sparse_categorical_crossentropy".</summary>
    SparseCategoricalCrossentropy,
}
