using Handwriting.Training;
using Handwriting.Training.Sessions;

namespace Handwriting.Api;

/// <summary>Hands a training session's epoch ends to the caller of <see cref="Sequential.Fit"/>: its IProgress and the model's event, on the training thread.</summary>
internal sealed class FitObserver(int epochs, IProgress<Epoch>? progress, Action<Epoch> epochEnded, IProgress<string>? messages) : ITrainingObserver
{
    public void OnMessage(string message) => messages?.Report(message);

    public void OnEpochEnded(EpochMetrics epoch)
    {
        var ended = Epoch.From(epoch, epochs);
        progress?.Report(ended);
        epochEnded(ended);
    }
}
