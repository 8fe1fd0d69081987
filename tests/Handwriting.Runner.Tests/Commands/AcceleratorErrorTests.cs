using System.Diagnostics;

namespace Handwriting.Runner.Tests.Commands;

/// <summary>
/// Asking for an accelerator that is absent is one line naming it and why, with exit 1. The
/// OpenCL case runs `handwriting` as a child whose ICD loader is pointed at an empty folder
/// (OCL_ICD_VENDORS), so it sees no OpenCL platform on any machine, PoCL installed or not.
/// </summary>
public sealed class AcceleratorErrorTests : IDisposable
{
    private readonly DirectoryInfo _noVendors = Directory.CreateTempSubdirectory("handwriting-no-icd-");

    [Fact]
    public void Opencl_with_no_opencl_platform_is_one_line_naming_it_and_why()
    {
        var (exitCode, stdout, stderr) = RunChild(["devices"]);
        Assert.True(exitCode == 0, stderr);
        Assert.DoesNotContain("opencl:", stdout, StringComparison.Ordinal);

        // A sound model file, so that only the accelerator can be at fault.
        string model = Path.Combine(_noVendors.FullName, "model.bin");
        Handwriting.Training.Model.ModelFile.Save(model, Handwriting.Training.Model.MlpShape.Seed, new float[Handwriting.Training.Model.MlpShape.Seed.ParameterCount]);
        (exitCode, _, stderr) = RunChild(["evaluate", "--accelerator", "opencl", "--model", model]);

        Assert.Equal(1, exitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("handwriting: no opencl accelerator is present (present: ", line, StringComparison.Ordinal);
        Assert.Contains("the OpenCL loader finds no platform with a device (for OpenCL on the CPU: apt-get install pocl-opencl-icd ocl-icd-opencl-dev)", line, StringComparison.Ordinal);
    }

    public void Dispose() => _noVendors.Delete(recursive: true);

    private (int ExitCode, string Stdout, string Stderr) RunChild(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["OCL_ICD_VENDORS"] = _noVendors.FullName;
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "handwriting.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stderr = child.StandardError.ReadToEndAsync();
        string stdout = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        return (child.ExitCode, stdout, stderr.Result);
    }
}
