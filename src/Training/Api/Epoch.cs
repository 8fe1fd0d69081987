using System.Globalization;
using Handwriting.Training;

namespace Handwriting.Api;

/// <summary>One epoch of training, as Keras's history and progress line report it. The validation figures are null when nothing was held out.</summary>
/// <param name="Number">The epoch, from 1.</param>
/// <param name="Epochs">How many epochs the fit runs.</param>
/// <param name="Loss">The mean training loss over the epoch.</param>
/// <param name="Accuracy">The training accuracy over the epoch.</param>
/// <param name="ValidationLoss">The loss on the held-out images after the epoch, or null.</param>
/// <param name="ValidationAccuracy">The accuracy on the held-out images after the epoch, or null.</param>
/// <param name="Seconds">How long the epoch took, validation included.</param>
public sealed record Epoch(int Number, int Epochs, double Loss, double Accuracy, double? ValidationLoss, double? ValidationAccuracy, double Seconds)
{
    /// <summary>Keras's line: "Epoch 1/5 - 4.1s - loss: 0.2934 - accuracy: 0.9153 - val_loss: 0.1462 - val_accuracy: 0.9577".</summary>
    public override string ToString()
    {
        string validation = ValidationLoss is double loss && ValidationAccuracy is double accuracy
            ? string.Create(CultureInfo.InvariantCulture, $" - val_loss: {loss:F4} - val_accuracy: {accuracy:F4}")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"Epoch {Number}/{Epochs} - {Seconds:F1}s - loss: {Loss:F4} - accuracy: {Accuracy:F4}{validation}");
    }

    internal static Epoch From(EpochMetrics metrics, int epochs) =>
        new(metrics.Epoch, epochs, metrics.Loss, metrics.Accuracy, metrics.ValidationLoss, metrics.ValidationAccuracy, metrics.Seconds);
}
