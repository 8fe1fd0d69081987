using Handwriting.Training.Data;
using Handwriting.Training.IO;

namespace Handwriting.Runner.Cli;

/// <summary>
/// Refuses an output that is one of the command's inputs under the same or another name (a
/// symbolic or hard link included: compared by device and inode), before any work is done:
/// `export --model m.bin --onnx m.bin` would otherwise replace the model with its export.
/// </summary>
public static class OutputPaths
{
    /// <summary>Throws a usage error if <paramref name="output"/> is the same file as any of <paramref name="inputs"/>.</summary>
    public static void RefuseInputs(string outputOption, string output, params (string Option, string Path)[] inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var (option, path) in inputs)
        {
            if (FileStatus.SameFile(output, path))
            {
                string input = option.StartsWith('-') ? $"{option} {path}" : $"the input {path}";
                throw new UsageException($"{outputOption} {output}: is the same file as {input}, which writing it would replace");
            }
        }
    }

    /// <summary>As <see cref="RefuseInputs"/>, against the four MNIST files of the data folder the command reads.</summary>
    public static void RefuseMnistFiles(string outputOption, string output, string? dataOption)
    {
        string folder = MnistDirectory.Resolve(dataOption);
        RefuseInputs(outputOption, output, MnistFiles.All
            .Select(file => file.FindIn(folder))
            .OfType<string>()
            .Select(path => ("MNIST's", path))
            .ToArray());
    }
}
