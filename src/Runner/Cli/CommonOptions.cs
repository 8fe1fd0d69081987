using System.CommandLine;
using Handwriting.Kernels.Devices;

namespace Handwriting.Runner.Cli;

/// <summary>The options every command accepts.</summary>
public sealed class CommonOptions
{
    public Option<string?> Data { get; } = new("--data")
    {
        Description = "Folder with the four MNIST files (default: $MNIST_DIR, else data/mnist in the repository); fetched there when missing",
        HelpName = "DIR",
        Recursive = true,
    };

    public Option<AcceleratorKind> Accelerator { get; } = new("--accelerator")
    {
        // No DefaultValueFactory: help would print the default as the enum spells it ("Auto");
        // absent, the option is default(AcceleratorKind), which is Auto.
        Description = "auto (the default: CUDA, then an OpenCL GPU, then the CPU accelerator), cuda, opencl or cpu",
        CustomParser = ParseAccelerator,
        HelpName = "auto|cuda|opencl|cpu",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Show the full exception (stack trace included) when something fails",
        Recursive = true,
    };

    /// <summary>Adds the options to the root command; they are recursive, so every subcommand takes them.</summary>
    public void AddTo(Command command)
    {
        command.Add(Data);
        command.Add(Accelerator);
        command.Add(Verbose);
    }

    private static AcceleratorKind ParseAccelerator(System.CommandLine.Parsing.ArgumentResult result)
    {
        string text = result.Tokens.Count == 0 ? "auto" : result.Tokens[0].Value;
        if (AcceleratorKinds.TryParse(text, out var kind))
        {
            return kind;
        }

        result.AddError($"--accelerator: unknown accelerator '{text}' (expected auto, cuda, opencl or cpu)");
        return AcceleratorKind.Auto;
    }
}
