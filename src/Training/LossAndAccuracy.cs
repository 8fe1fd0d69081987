namespace Handwriting.Training;

/// <summary>The mean loss and the fraction of right predictions over a set of images.</summary>
public readonly record struct LossAndAccuracy(double Loss, double Accuracy);
