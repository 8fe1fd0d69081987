using System.Globalization;
using Handwriting.Training;
using Spectre.Console;

namespace Handwriting.Runner.Display;

/// <summary>
/// On a terminal: a live progress bar per epoch with the running loss and accuracy, refreshed
/// four times a second, and the Keras line printed above it as each epoch ends.
/// </summary>
public sealed class LiveTrainingDisplay : ITrainingDisplay
{
    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _epoch;

    public TimeSpan ProgressInterval => TimeSpan.FromMilliseconds(250);

    /// <summary>Whether stdout is a terminal that can show a live display.</summary>
    public static bool IsSupported => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    public T Run<T>(Func<ITrainingDisplay, T> training) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                _context = context;
                return training(this);
            });

    public void Progress(TrainingProgress progress)
    {
        if (_context is null)
        {
            return;
        }

        if (_task is null || _epoch != progress.Epoch)
        {
            _epoch = progress.Epoch;
            _task = _context.AddTask(Describe(progress), maxValue: progress.Steps);
        }

        _task.Value = progress.Step;
        _task.Description = Describe(progress);
    }

    public void EpochEnd(EpochMetrics metrics, int epochs)
    {
        if (_task is not null)
        {
            _task.Description = Markup.Escape(KerasLine.Format(metrics, epochs));
            _task.Value = _task.MaxValue;
            _task.StopTask();
        }
    }

    private static string Describe(TrainingProgress progress) =>
        Markup.Escape(string.Create(
            CultureInfo.InvariantCulture,
            $"Epoch {progress.Epoch}/{progress.Epochs} {progress.Step}/{progress.Steps} - loss: {progress.Loss:F4} - accuracy: {progress.Accuracy:F4}"));
}
