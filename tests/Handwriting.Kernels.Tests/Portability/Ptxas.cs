using System.Globalization;
using System.Text.RegularExpressions;

namespace Handwriting.Kernels.Tests.Portability;

/// <summary>
/// NVIDIA's PTX assembler (`ptxas` 11.8 from Debian's non-free `nvidia-cuda-toolkit`; `.ci/ptxas`
/// fetches the one binary). It turns PTX into machine code for one architecture, which needs no
/// GPU, and with -v reports each kernel's registers, shared memory and spills. Taken from $PTXAS,
/// else from the PATH.
/// </summary>
public static partial class Ptxas
{
    private const string Install = "ptxas is required to assemble the kernels' PTX: run .ci/ptxas (it prints the folder to put on PATH) or install Debian's non-free nvidia-cuda-toolkit";

    public static string Tool => Environment.GetEnvironmentVariable("PTXAS") is { Length: > 0 } path ? path : "ptxas";

    /// <summary>What ptxas -v reported for one kernel on one architecture.</summary>
    public sealed record Usage(int Registers, int SharedBytes, int SpillStoreBytes, int SpillLoadBytes);

    /// <summary>Assembles <paramref name="ptx"/> for sm_<paramref name="architecture"/>; fails the test with ptxas's messages if it does not assemble.</summary>
    public static Usage Assemble(string ptx, string architecture, string what)
    {
        var directory = Directory.CreateTempSubdirectory("handwriting-ptxas-");
        try
        {
            string path = Path.Combine(directory.FullName, "kernel.ptx");
            File.WriteAllText(path, ptx);
            var (exitCode, output) = ExternalTool.Run(Tool, [$"-arch={architecture}", "-v", "-o", Path.Combine(directory.FullName, "kernel.cubin"), path], Install);
            Assert.True(exitCode == 0, $"ptxas -arch={architecture} rejects the PTX of {what}:{Environment.NewLine}{output}");
            return Parse(output, what);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Reads `ptxas info : Used 18 registers, 2048 bytes smem, 400 bytes cmem[0]` and
    /// `0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads` (smem is absent when zero).
    /// </summary>
    private static Usage Parse(string output, string what)
    {
        var used = UsedLine().Match(output);
        var spills = SpillLine().Match(output);
        Assert.True(used.Success && spills.Success, $"no resource report from ptxas for {what}:{Environment.NewLine}{output}");
        return new Usage(
            Number(used.Groups["registers"]),
            used.Groups["smem"].Success ? Number(used.Groups["smem"]) : 0,
            Number(spills.Groups["stores"]),
            Number(spills.Groups["loads"]));
    }

    private static int Number(Group group) => int.Parse(group.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Used (?<registers>\d+) registers(, (?<smem>\d+) bytes smem)?")]
    private static partial Regex UsedLine();

    [GeneratedRegex(@"(?<stores>\d+) bytes spill stores, (?<loads>\d+) bytes spill loads")]
    private static partial Regex SpillLine();
}
