using System.CommandLine;
using Handwriting.Api;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Cli;
using Handwriting.Runner.Display;
using Handwriting.Runner.Images;
using Handwriting.Runner.Output;
using Handwriting.Training.Plots;
using Handwriting.Training;
using Handwriting.Training.Data;
using Handwriting.Training.Model;
using Handwriting.Training.Output;

namespace Handwriting.Runner.Commands;

/// <summary>
/// `handwriting predict [--model FILE] (--index N... | IMAGE...)`: the top three digits for MNIST
/// test images or for image files prepared the way MNIST digits were; "no ink found" for an input
/// without ink. Without --model, the newest run in runs/ (see <see cref="TrainedRuns"/>).
/// </summary>
public static class PredictCommand
{
    public static Command Create(CommonOptions common, TextWriter output, TextWriter error)
    {
        var model = new Option<string?>("--model") { Description = $"A model.bin written by train (default: the newest run in {TrainedRuns.Folder}/)", HelpName = "FILE" };
        var index = new Option<int[]>("--index")
        {
            Description = "MNIST test images to predict, by index (0..9999); it takes every value after it, so put image files before it",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "N",
        };
        var json = new Option<bool>("--json") { Description = "Print an array of { input, digit, probabilities, ink_found } as JSON (digit and probabilities null where no ink was found)" };
        var plot = new Option<string?>("--plot") { Description = "Draw each input as the network sees it, with its prediction", HelpName = "FILE" };
        var images = new Argument<string[]>("images") { Description = "PNG, JPEG or BMP files of handwritten digits", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("predict", "Predict digits for MNIST test images or image files") { model, index, json, plot, images };
        command.SetAction(parse =>
        {
            int[] indices = parse.GetValue(index) ?? [];
            string[] files = parse.GetValue(images) ?? [];
            if (indices.Length == 0 && files.Length == 0)
            {
                throw new UsageException("predict needs --index N... or image files");
            }

            bool asJson = parse.GetValue(json);
            string modelPath = TrainedRuns.ModelOrNewest(parse.GetValue(model), Environment.CurrentDirectory, asJson ? error.WriteLine : output.WriteLine);
            if (parse.GetValue(plot) is string plotTarget)
            {
                OutputPaths.RefuseInputs("--plot", plotTarget, [("--model", modelPath), .. files.Select(file => ("image", file))]);
                OutputPaths.RefuseMnistFiles("--plot", plotTarget, parse.GetValue(common.Data));
            }

            var inputs = new List<PredictionInput>();
            if (indices.Length > 0)
            {
                var test = MnistData.LoadOrFetch(parse.GetValue(common.Data), asJson ? error.WriteLine : output.WriteLine).Test;
                foreach (int i in indices)
                {
                    if (i < 0 || i >= test.Count)
                    {
                        throw new UsageException($"--index {i}: the test set has images 0..{test.Count - 1}");
                    }

                    inputs.Add(new PredictionInput($"test[{i}]", test.Image(i), test.Labels[i]));
                }
            }

            inputs.AddRange(files.Select(file => new PredictionInput(file, DigitImageFile.LoadDigit(file), null)));

            // Through the library's API, as a C# caller would; the device is opened before anything
            // is answered, so an absent accelerator is reported even when every input is blank.
            using var network = Sequential.Load(modelPath, parse.GetValue(common.Accelerator).Name());
            _ = network.DeviceName;
            var answers = DigitAnswer.For(network, inputs.Select(input => (input.Name, input.Pixels, input.Label)).ToList());

            if (parse.GetValue(plot) is string plotPath)
            {
                PredictionGrid.Save(plotPath, inputs.Zip(answers, (input, answer) => (input.Pixels, answer.Digit, input.Label)).ToList(), "As the network sees them: predicted (true)");
            }

            if (asJson)
            {
                output.WriteLine(JsonFiles.Serialize(answers.Select(answer => answer.ToJson()).ToList()));
            }
            else
            {
                foreach (var answer in answers)
                {
                    output.WriteLine(answer.ToText());
                }
            }

            // A blank input is answered ("no ink found"), not an error: the exit code stays 0, and
            // scripts tell blank inputs by their null digit (--json) or the words.
            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record PredictionInput(string Name, float[] Pixels, int? Label);
}
