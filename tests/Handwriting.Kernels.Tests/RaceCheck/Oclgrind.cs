using System.Text.RegularExpressions;
using Handwriting.Kernels.Tests.Portability;

namespace Handwriting.Kernels.Tests.RaceCheck;

/// <summary>
/// oclgrind (Debian's `oclgrind`), an OpenCL device simulator, as a data-race detector: it runs one
/// kernel launch work-item by work-item and reports every pair of accesses to the same address by
/// different work-items that no barrier orders. It builds with its own OpenCL 1.2 compiler, so the
/// OpenCL C 2.0 that ILGPU writes is passed -cl-std=CL2.0. Slow (~45 s a launch at the seed's
/// shapes, as measured here): give it small ones.
/// </summary>
public static partial class Oclgrind
{
    public const string Tool = "oclgrind-kernel";

    private const string Install = "oclgrind is required for the data-race checks: apt-get install oclgrind";

    /// <summary>What oclgrind reported for one launch.</summary>
    public sealed record Report(int Races, IReadOnlyList<string> Errors, IReadOnlyList<float> Written, string Output);

    /// <summary>Runs <paramref name="launch"/> of <paramref name="source"/> under the race detector.</summary>
    public static Report Run(OclgrindLaunch launch, string entryName, string source)
    {
        ArgumentNullException.ThrowIfNull(launch);
        var directory = Directory.CreateTempSubdirectory("handwriting-oclgrind-");
        try
        {
            string kernelFile = Path.Combine(directory.FullName, "kernel.cl");
            string simulationFile = Path.Combine(directory.FullName, "launch.sim");
            File.WriteAllText(kernelFile, source);
            File.WriteAllText(simulationFile, launch.Write(kernelFile, entryName, source));
            var (exitCode, output) = ExternalTool.Run(Tool, ["--data-races", "--build-options", "-cl-std=CL2.0", simulationFile], Install);
            Assert.True(exitCode == 0, $"{Tool} exited {exitCode}:{Environment.NewLine}{output}");
            return Parse(output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static Report Parse(string output)
    {
        var lines = output.Split('\n');
        int races = lines.Count(line => line.Contains("data race", StringComparison.OrdinalIgnoreCase));
        var errors = lines.Where(line => line.Contains("Invalid", StringComparison.Ordinal) || line.Contains("error", StringComparison.OrdinalIgnoreCase)).ToList();
        var written = DumpedValue().Matches(output)
            .Select(match => float.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Where(value => value != 0.5f)
            .ToList();
        return new Report(races, errors, written, output);
    }

    [GeneratedRegex(@"\]\s*=\s*(-?[0-9.eE+-]+)")]
    private static partial Regex DumpedValue();
}
