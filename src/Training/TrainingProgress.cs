namespace Handwriting.Training;

/// <summary>Where training stands inside an epoch: the running mean loss and accuracy so far.</summary>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Step, int Steps, double Loss, double Accuracy);
