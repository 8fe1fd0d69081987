using Handwriting.Training.Output;

namespace Handwriting.Training.Sessions;

/// <summary>What a session's run produced, known once the test set is scored.</summary>
/// <param name="Plan">What was trained, on what.</param>
/// <param name="History">One line per epoch, as Keras's history (a resumed run's includes the epochs before the interruption).</param>
/// <param name="Test">The trained network on the test set: loss, accuracy, every image's probabilities and prediction.</param>
/// <param name="FirstTestImage">The notebook's step 6: the first test image's label, prediction and probabilities.</param>
/// <param name="Parameters">The trained weights and biases, in <see cref="Model.ModelFile"/>'s order for <see cref="TrainingPlan.Shape"/>.</param>
/// <param name="TrainingSeconds">From the upload of the images to the end of training: metrics.json's "seconds".</param>
/// <param name="AugmentedImages">With augmentation: the first <see cref="AugmentedImageCount"/> training images (in file order) under the first step's draws; else null.</param>
public sealed record TrainingOutcome(
    TrainingPlan Plan,
    IReadOnlyList<EpochMetrics> History,
    EvaluationResult Test,
    FirstTestImage FirstTestImage,
    float[] Parameters,
    double TrainingSeconds,
    IReadOnlyList<float[]>? AugmentedImages)
{
    /// <summary>How many augmented training images <see cref="AugmentedImages"/> shows (fewer when the training set is smaller).</summary>
    public const int AugmentedImageCount = 25;
}
