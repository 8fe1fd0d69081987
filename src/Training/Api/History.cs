using Handwriting.Training.Plots;

namespace Handwriting.Api;

/// <summary>What <see cref="Sequential.Fit"/> returns, Keras's History: the figures of every epoch, and their plots.</summary>
public sealed class History
{
    internal History(IReadOnlyList<Epoch> epochs, double trainingSeconds)
    {
        Epochs = epochs;
        TrainingSeconds = trainingSeconds;
    }

    /// <summary>Every epoch, in order.</summary>
    public IReadOnlyList<Epoch> Epochs { get; }

    /// <summary>Seconds from the upload of the images to the end of the last epoch.</summary>
    public double TrainingSeconds { get; }

    /// <summary>The training loss of each epoch (history.history["loss"]).</summary>
    public IReadOnlyList<double> Loss => Epochs.Select(e => e.Loss).ToArray();

    /// <summary>The training accuracy of each epoch (history.history["accuracy"]).</summary>
    public IReadOnlyList<double> Accuracy => Epochs.Select(e => e.Accuracy).ToArray();

    /// <summary>The validation loss of each epoch (history.history["val_loss"]); empty without a validation split.</summary>
    public IReadOnlyList<double> ValidationLoss => Epochs.Where(e => e.ValidationLoss is not null).Select(e => e.ValidationLoss!.Value).ToArray();

    /// <summary>The validation accuracy of each epoch (history.history["val_accuracy"]); empty without a validation split.</summary>
    public IReadOnlyList<double> ValidationAccuracy => Epochs.Where(e => e.ValidationAccuracy is not null).Select(e => e.ValidationAccuracy!.Value).ToArray();

    /// <summary>The notebook's accuracy plot: training and validation accuracy per epoch.</summary>
    /// <returns>The picture, 800 x 550.</returns>
    public PlotImage AccuracyPlot()
    {
        using var plot = TrainingCurves.BuildAccuracy(Points());
        return PlotImage.Render(plot, TrainingCurves.Width, TrainingCurves.Height);
    }

    /// <summary>The notebook's loss plot: training and validation loss per epoch.</summary>
    /// <returns>The picture, 800 x 550.</returns>
    public PlotImage LossPlot()
    {
        using var plot = TrainingCurves.BuildLoss(Points());
        return PlotImage.Render(plot, TrainingCurves.Width, TrainingCurves.Height);
    }

    private List<EpochPoint> Points() =>
        Epochs.Select(e => new EpochPoint(e.Number, e.Loss, e.Accuracy, e.ValidationLoss ?? double.NaN, e.ValidationAccuracy ?? double.NaN)).ToList();
}
