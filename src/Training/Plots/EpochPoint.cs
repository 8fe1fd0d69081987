namespace Handwriting.Training.Plots;

/// <summary>
/// One epoch of training history as the curves plot it. Validation values are NaN when training
/// held no data out; the validation curve is then left out.
/// </summary>
public sealed record EpochPoint(int Epoch, double Loss, double Accuracy, double ValidationLoss, double ValidationAccuracy);
