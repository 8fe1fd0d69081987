using System.CommandLine;
using Handwriting.Runner.Cli;
using Handwriting.Training.Data;

namespace Handwriting.Runner.Commands;

/// <summary>
/// `handwriting data`: find MNIST (fetching it on first use), read every file (which checks its
/// IDX structure), compare each with the original's SHA-256, and say where it is, what it holds
/// and what was verified.
/// </summary>
public static class DataCommand
{
    public static Command Create(CommonOptions common, TextWriter output)
    {
        var split = new Option<double>("--validation-split")
        {
            Description = "Fraction of the training images held out for validation (the last ones, as Keras does)",
            DefaultValueFactory = _ => 0.2,
        };
        var command = new Command("data", "Fetch MNIST if needed, check each file's structure and SHA-256, and show where it is and how many images each split has") { split };
        command.SetAction(parse =>
        {
            double fraction = parse.GetValue(split);
            if (!(fraction >= 0 && fraction < 1))
            {
                throw new UsageException($"--validation-split must be in [0, 1), got {fraction}");
            }

            string? dataOption = parse.GetValue(common.Data);
            var mnist = MnistData.LoadOrFetch(dataOption, output.WriteLine);
            var (training, validation) = mnist.Train.Split(fraction);
            string folder = MnistDirectory.Resolve(dataOption);
            output.WriteLine($"MNIST in {folder}");
            foreach (var (path, original) in MnistChecksums.Check(folder))
            {
                output.WriteLine(original
                    ? $"  {Path.GetFileName(path)}: the original MNIST file (SHA-256 verified)"
                    : $"  {Path.GetFileName(path)}: not the original MNIST file (SHA-256 differs); its IDX structure was checked, its content was not");
            }

            output.WriteLine($"  train:      {training.Count,6} images");
            output.WriteLine($"  validation: {validation.Count,6} images (the last {fraction * 100:0.#}% of the training file)");
            output.WriteLine($"  test:       {mnist.Test.Count,6} images");
            return ExitCodes.Success;
        });
        return command;
    }
}
