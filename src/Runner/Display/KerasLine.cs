using System.Globalization;
using Handwriting.Training;

namespace Handwriting.Runner.Display;

/// <summary>The per-epoch line Keras prints: `Epoch 3/5 - 4.1s - loss: 0.1077 - accuracy: 0.9672 - val_loss: ...`.</summary>
public static class KerasLine
{
    public static string Format(EpochMetrics metrics, int epochs)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"Epoch {metrics.Epoch}/{epochs} - {metrics.Seconds:F1}s - loss: {metrics.Loss:F4} - accuracy: {metrics.Accuracy:F4}");
        if (metrics.ValidationLoss is double validationLoss && metrics.ValidationAccuracy is double validationAccuracy)
        {
            line += string.Create(CultureInfo.InvariantCulture, $" - val_loss: {validationLoss:F4} - val_accuracy: {validationAccuracy:F4}");
        }

        return line;
    }
}
