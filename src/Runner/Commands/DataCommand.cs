using System.CommandLine;
using Handwriting.Runner.Cli;
using Handwriting.Training.Data;

namespace Handwriting.Runner.Commands;

/// <summary>`handwriting data`: find (fetching on first use) and verify MNIST, then say where it is and what it holds.</summary>
public static class DataCommand
{
    public static Command Create(CommonOptions common, TextWriter output)
    {
        var split = new Option<double>("--validation-split")
        {
            Description = "Fraction of the training images held out for validation (the last ones, as Keras does)",
            DefaultValueFactory = _ => 0.2,
        };
        var command = new Command("data", "Fetch MNIST if needed, verify it, and show where it is and how many images each split has") { split };
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
            output.WriteLine($"MNIST in {MnistDirectory.Resolve(dataOption)}");
            output.WriteLine($"  train:      {training.Count,6} images");
            output.WriteLine($"  validation: {validation.Count,6} images (the last {fraction * 100:0.#}% of the training file)");
            output.WriteLine($"  test:       {mnist.Test.Count,6} images");
            return ExitCodes.Success;
        });
        return command;
    }
}
