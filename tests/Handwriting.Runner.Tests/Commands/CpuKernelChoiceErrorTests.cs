namespace Handwriting.Runner.Tests.Commands;

/// <summary>
/// A bad HANDWRITING_CPU_KERNELS is one line naming the variable and its choices, with exit 1 and
/// no stack trace, and nothing written. The variable is set only in a child process, so the other
/// tests of this process keep their kernels.
/// </summary>
public sealed class CpuKernelChoiceErrorTests : IDisposable
{
    private static readonly Dictionary<string, string> Bogus = new() { ["HANDWRITING_CPU_KERNELS"] = "bogus" };

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("handwriting-cpu-kernels-");

    /// <summary>check opens the accelerator before anything else it does (evaluate and predict read the model first).</summary>
    [Fact]
    public async Task Check_with_a_bogus_choice_is_one_line_naming_the_variable()
    {
        var result = await HandwritingProcess.RunAsync(_folder.FullName, Bogus, "check", "--accelerator", "cpu");

        AssertNamesTheVariable(result);
    }

    [Fact]
    public async Task Train_with_a_bogus_choice_is_one_line_naming_the_variable_and_writes_nothing()
    {
        string output = Path.Combine(_folder.FullName, "run");

        var result = await HandwritingProcess.RunAsync(_folder.FullName, Bogus, "train", "--accelerator", "cpu", "--epochs", "1", "--limit", "100", "--out", output);

        AssertNamesTheVariable(result);
        Assert.False(Directory.Exists(output), "train left an output folder behind");
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static void AssertNamesTheVariable(CliRun result)
    {
        string line = result.AssertOneLineError(1);
        Assert.Contains("HANDWRITING_CPU_KERNELS=bogus is not one of simd, portable, simd128, simd256, simd512", line, StringComparison.Ordinal);
    }
}
