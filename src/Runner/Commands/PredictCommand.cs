using System.CommandLine;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Cli;
using Handwriting.Runner.Display;
using Handwriting.Runner.Images;
using Handwriting.Runner.Output;
using Handwriting.Runner.Plots;
using Handwriting.Training;
using Handwriting.Training.Data;

namespace Handwriting.Runner.Commands;

/// <summary>
/// `handwriting predict --model FILE (--index N... | IMAGE...)`: the top three digits for MNIST
/// test images or for image files prepared the way MNIST digits were.
/// </summary>
public static class PredictCommand
{
    public static Command Create(CommonOptions common, TextWriter output, TextWriter error)
    {
        var model = new Option<string>("--model") { Description = "A model.bin written by train", Required = true, HelpName = "FILE" };
        var index = new Option<int[]>("--index")
        {
            Description = "MNIST test images to predict, by index (0..9999); it takes every value after it, so put image files before it",
            AllowMultipleArgumentsPerToken = true,
            HelpName = "N",
        };
        var json = new Option<bool>("--json") { Description = "Print an array of { input, digit, probabilities } as JSON" };
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
            string modelPath = parse.GetValue(model)!;
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

                    inputs.Add(new PredictionInput($"test[{i}]", test.Pixels.AsSpan(i * test.PixelsPerImage, test.PixelsPerImage).ToArray(), test.Labels[i]));
                }
            }

            inputs.AddRange(files.Select(file => new PredictionInput(file, DigitImageFile.LoadDigit(file), null)));

            using var device = ComputeDevice.Open(parse.GetValue(common.Accelerator));
            using var network = SavedNetwork.Load(device, modelPath);
            var probabilities = Prediction.Probabilities(device, network, inputs.SelectMany(input => input.Pixels).ToArray());
            var results = inputs.Select((input, i) =>
            {
                var row = probabilities.AsSpan(i * SavedNetwork.Digits, SavedNetwork.Digits).ToArray();
                return new PredictionResult(input.Name, Softmax.ArgMax(row), row, input.Label);
            }).ToList();

            if (parse.GetValue(plot) is string plotPath)
            {
                PredictionGrid.Save(plotPath, inputs.Zip(results, (input, result) => (input.Pixels, result.Digit, input.Label)).ToList(), "As the network sees them: predicted (true)");
            }

            if (asJson)
            {
                output.WriteLine(JsonFiles.Serialize(results.Select(r => new { input = r.Input, digit = r.Digit, probabilities = r.Probabilities }).ToList()));
            }
            else
            {
                foreach (var result in results)
                {
                    string label = result.Label is int known ? $" (label {known})" : "";
                    output.WriteLine($"{result.Input}{label}: {ProbabilityText.Top(result.Probabilities, 3)}");
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private sealed record PredictionInput(string Name, float[] Pixels, int? Label);

    private sealed record PredictionResult(string Input, int Digit, float[] Probabilities, int? Label);
}
