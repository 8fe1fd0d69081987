using System.Globalization;
using Handwriting.Training;
using Spectre.Console;

namespace Handwriting.Runner.Display;

/// <summary>
/// On a terminal: a live progress bar for the running epoch with its loss and accuracy so far,
/// refreshed four times a second, and the Keras line printed above it as each epoch ends.
/// <para>
/// Every column is sized to the terminal's width: the description is shortened below 100
/// columns, the bar takes what is left (at least 10 characters), and the remaining-time column
/// goes below 60. Spectre's table squeezes columns that do not fit by wrapping them, one digit of
/// a time a line, so nothing may be left to it. The finished epoch's Keras line (about 105
/// characters) is written as a line of its own, which a terminal wraps as text, never into the
/// table.
/// </para>
/// </summary>
public sealed class LiveTrainingDisplay(IAnsiConsole console) : ITrainingDisplay
{
    /// <summary>Below this width the description drops its labels ("loss 0.3 acc 0.9").</summary>
    public const int WideColumns = 100;

    private const int MinBar = 10;
    private const int MaxBar = 40;

    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _epoch;

    public LiveTrainingDisplay()
        : this(AnsiConsole.Console)
    {
    }

    public TimeSpan ProgressInterval => TimeSpan.FromMilliseconds(250);

    /// <summary>Whether stdout is a terminal that can show a live display.</summary>
    public static bool IsSupported => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    private int Width => console.Profile.Width;

    private bool ShowsRemaining => Width >= 60;

    public T Run<T>(Func<ITrainingDisplay, T> training)
    {
        // Fixed widths: "100%" and "00:00:13", and one space between columns.
        int fixedWidth = 4 + 8 + (ShowsRemaining ? 8 : 0) + (ShowsRemaining ? 4 : 3);
        int bar = Math.Clamp(Width - DescriptionWidth - fixedWidth, MinBar, MaxBar);
        var columns = new List<ProgressColumn>
        {
            new TaskDescriptionColumn { Alignment = Justify.Left },
            new ProgressBarColumn { Width = bar },
            new PercentageColumn(),
            new ElapsedTimeColumn(),
        };
        if (ShowsRemaining)
        {
            columns.Add(new RemainingTimeColumn());
        }

        return console.Progress()
            .AutoClear(false)
            .HideCompleted(true)
            .Columns([.. columns])
            .Start(context =>
            {
                _context = context;
                return training(this);
            });
    }

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
            _task.Value = _task.MaxValue;
            _task.StopTask();
            _task = null;
        }

        console.WriteLine(KerasLine.Format(metrics, epochs));
    }

    /// <summary>The description's width: the longest it gets (step counts up to 99,999, metrics 0.xxxx).</summary>
    private int DescriptionWidth => Width >= WideColumns ? 60 : 38;

    private string Describe(TrainingProgress progress)
    {
        string text = Width >= WideColumns
            ? string.Create(CultureInfo.InvariantCulture, $"Epoch {progress.Epoch}/{progress.Epochs} {progress.Step}/{progress.Steps} - loss: {progress.Loss:F4} - accuracy: {progress.Accuracy:F4}")
            : string.Create(CultureInfo.InvariantCulture, $"{progress.Epoch}/{progress.Epochs} {progress.Step}/{progress.Steps} loss {progress.Loss:F4} acc {progress.Accuracy:F4}");
        return Markup.Escape(text.Length > DescriptionWidth ? text[..DescriptionWidth] : text.PadRight(DescriptionWidth));
    }
}
