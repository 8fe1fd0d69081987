namespace Handwriting.Api;

/// <summary>What a <see cref="DenseLayer"/> applies to its outputs. The kernels train ReLU hidden layers under a softmax output, the seed's model.</summary>
public enum Activation
{
    /// <summary>max(0, x), for hidden layers.</summary>
    Relu,

    /// <summary>Probabilities that sum to 1, for the output layer.</summary>
    Softmax,
}
