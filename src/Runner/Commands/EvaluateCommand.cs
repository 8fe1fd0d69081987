using System.CommandLine;
using System.Globalization;
using System.Text;
using Handwriting.Api;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Cli;
using Handwriting.Runner.Output;
using Handwriting.Training.Output;

namespace Handwriting.Runner.Commands;

/// <summary>`handwriting evaluate --model FILE`: test loss and accuracy, per-class accuracy, the confusion matrix.</summary>
public static class EvaluateCommand
{
    public static Command Create(CommonOptions common, TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = "A model.bin written by train", Required = true, HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON" };
        var plot = new Option<string?>("--plot") { Description = "Also draw the confusion matrix as a PNG into FILE (nothing is written without it)", HelpName = "FILE" };
        var command = new Command("evaluate", "Evaluate a trained model on the 10,000 MNIST test images") { model, json, plot };
        command.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model)!;
            // Evaluating reads; it writes only when asked to (a model may sit in a read-only folder).
            string? plotPath = parse.GetValue(plot);
            bool asJson = parse.GetValue(json);
            if (plotPath is not null)
            {
                OutputPaths.RefuseInputs("--plot", plotPath, ("--model", modelPath));
                OutputPaths.RefuseMnistFiles("--plot", plotPath, parse.GetValue(common.Data));
                string? plotFolder = Path.GetDirectoryName(Path.GetFullPath(plotPath));
                if (plotFolder is not null && !Directory.Exists(plotFolder))
                {
                    // Checked before the evaluation runs, with the message AtomicFile would give after it.
                    throw new IOException($"cannot write {plotPath}: the folder {plotFolder} does not exist");
                }
            }

            // Through the library's API, as a C# caller would: the model first (its faults before the data's).
            using var network = Sequential.Load(modelPath, parse.GetValue(common.Accelerator).Name());
            var mnist = Mnist.Load(parse.GetValue(common.Data), new LineProgress(asJson ? error.WriteLine : output.WriteLine));
            var result = network.Evaluate(mnist.Test);
            var confusion = result.ConfusionMatrix();
            if (plotPath is not null)
            {
                result.ConfusionPlot().Save(plotPath);
            }

            if (asJson)
            {
                output.WriteLine(JsonFiles.Serialize(new
                {
                    model = modelPath,
                    device = network.DeviceName,
                    test_loss = result.Loss,
                    test_accuracy = result.Accuracy,
                    per_class_accuracy = result.PerClassAccuracy(),
                    confusion_matrix = Rows(confusion),
                    confusion_plot = plotPath,
                }));
            }
            else
            {
                output.WriteLine($"Device: {network.Device}");
                output.WriteLine(result.ToString());
                output.WriteLine("Per-class accuracy: " + string.Join("  ", result.PerClassAccuracy().Select((a, d) => string.Create(CultureInfo.InvariantCulture, $"{d}: {a:F4}"))));
                output.Write(ConfusionText(confusion));
                if (plotPath is not null)
                {
                    output.WriteLine($"Confusion matrix plot: {plotPath}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The matrix as text, rows the true digit and columns the prediction.</summary>
    public static string ConfusionText(int[,] counts)
    {
        int classes = counts.GetLength(0);
        var text = new StringBuilder("Confusion matrix (rows: true digit, columns: predicted)\n      ");
        for (int p = 0; p < classes; p++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{p,6}");
        }

        text.Append('\n');
        for (int t = 0; t < classes; t++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{t,6}");
            for (int p = 0; p < classes; p++)
            {
                text.Append(CultureInfo.InvariantCulture, $"{counts[t, p],6}");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static int[][] Rows(int[,] counts) =>
        Enumerable.Range(0, counts.GetLength(0)).Select(t => Enumerable.Range(0, counts.GetLength(1)).Select(p => counts[t, p]).ToArray()).ToArray();
}
