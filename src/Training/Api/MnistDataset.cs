namespace Handwriting.Api;

/// <summary>MNIST as Keras's mnist.load_data() gives it: 60,000 training and 10,000 test digits.</summary>
public sealed class MnistDataset
{
    internal MnistDataset(Dataset train, Dataset test)
    {
        Train = train;
        Test = test;
    }

    /// <summary>The 60,000 training images, in the file's order (a validation split holds out the last ones).</summary>
    public Dataset Train { get; }

    /// <summary>The 10,000 test images.</summary>
    public Dataset Test { get; }
}
