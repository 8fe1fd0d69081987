namespace Handwriting.Training.Data;

/// <summary>
/// Checks, before a run trains, that it has images to train on and to test with: an empty test
/// file would otherwise surface after the whole run, as an internal error of the evaluation.
/// </summary>
public static class RunData
{
    /// <summary>
    /// Throws <see cref="MnistDataException"/> when a file of <paramref name="folder"/> holds no
    /// image, ArgumentException (an option's fault) when --limit and --validation-split leave none.
    /// </summary>
    public static void RequireImages(string folder, MnistData mnist, ImageSet training, TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(mnist);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        if (mnist.Train.Count == 0)
        {
            throw new MnistDataException($"{MnistFiles.TrainImages.FindIn(folder) ?? MnistFiles.TrainImages.Name} holds no image: there is nothing to train on");
        }

        if (mnist.Test.Count == 0)
        {
            throw new MnistDataException($"{MnistFiles.TestImages.FindIn(folder) ?? MnistFiles.TestImages.Name} holds no image: there is nothing to test the model on");
        }

        if (training.Count == 0)
        {
            string limit = options.Limit is int given ? $"--limit {given} with " : "";
            throw new ArgumentException($"{limit}--validation-split {options.ValidationSplit} leaves no training image of the {mnist.Train.Count} in {MnistFiles.TrainImages.Name}");
        }
    }
}
