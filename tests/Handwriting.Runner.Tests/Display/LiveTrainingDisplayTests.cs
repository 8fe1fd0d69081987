using System.Text.RegularExpressions;
using Handwriting.Runner.Display;
using Handwriting.Training;
using Spectre.Console.Testing;

namespace Handwriting.Runner.Tests.Display;

/// <summary>
/// The live display as a terminal of a given width shows it (Spectre's TestConsole, interactive,
/// with ANSI): every line fits the width, the progress rows keep their bar, percentage and times
/// whole, and each finished epoch's Keras line is printed whole on a line of its own.
/// </summary>
public sealed partial class LiveTrainingDisplayTests
{
    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(120)]
    public void Rows_fit_the_terminal_and_keep_every_column_whole(int width)
    {
        using var console = new TestConsole();
        console.Width(width).Interactive().SupportsAnsi(true);
        var display = new LiveTrainingDisplay(console);

        display.Run(shown =>
        {
            for (int epoch = 1; epoch <= 2; epoch++)
            {
                for (int step = 150; step <= 1500; step += 150)
                {
                    shown.Progress(new TrainingProgress(epoch, 2, step, 1500, 0.3299 / epoch, 0.9040));
                    Thread.Sleep(30); // Spectre redraws on a timer: let it draw rows mid-epoch
                }

                shown.EpochEnd(new EpochMetrics(epoch, 0.3299, 0.9040, 0.1671, 0.9515, 13.9, 13.0), 2);
            }

            return 0;
        });

        string[] lines = Visible(console.Output);
        Assert.All(lines, line => Assert.True(line.Length <= width, $"a line of {line.Length} characters at {width} columns: '{line}'"));
        string[] rows = lines.Where(line => Percentage().IsMatch(line)).ToArray();
        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Matches(Time(), row); // elapsed time whole, not one digit a line
            Assert.Contains("━", row, StringComparison.Ordinal); // the bar is there
            Assert.Matches(@"\d/2 +\d+/1500|Epoch \d/2 \d+/1500", row);
        });
        Assert.DoesNotContain(lines, line => line.Trim().Length is > 0 and <= 2 && char.IsDigit(line.Trim()[0]));
        string all = string.Join('\n', lines);
        Assert.Contains("Epoch 1/2 - 13.9s - loss: 0.3299 - accuracy: 0.9040 - val_loss: 0.1671 - val_accuracy: 0.9515", console.Output.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Epoch 2/2 - 13.9s", all, StringComparison.Ordinal);
    }

    /// <summary>
    /// The lines written, without control sequences and without the run of spaces with which
    /// Spectre blanks the live rows before redrawing them (TestConsole drops the cursor moves
    /// between the two, so a blanking run and the next line's text share a line here).
    /// </summary>
    private static string[] Visible(string output) =>
        Ansi().Replace(output, "").Split('\n').Select(line => line.Trim('\r', ' ')).Where(line => line.Length > 0).ToArray();

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")]
    private static partial Regex Ansi();

    [GeneratedRegex(@"\d+%")]
    private static partial Regex Percentage();

    [GeneratedRegex(@"\d\d:\d\d:\d\d")]
    private static partial Regex Time();
}
