using System.Text.Json;
using Handwriting.Kernels;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Commands;
using Handwriting.Runner.Tests.Commands;
using Handwriting.Training.Checks;

namespace Handwriting.Runner.Tests.Check;

/// <summary>
/// `handwriting check` as users run it: the whole catalog once on the CPU accelerator with --json
/// (shared by the tests that read it), the table and exit code of a failing run, and bad input.
/// </summary>
public sealed class CheckCommandTests(CheckCommandTests.JsonRun run) : IClassFixture<CheckCommandTests.JsonRun>
{
    /// <summary>`check --accelerator cpu --json`, run once for the class.</summary>
    public sealed class JsonRun
    {
        internal CliRun Result { get; } = CliRun.Of("check", "--accelerator", "cpu", "--json");
    }

    [Fact]
    public void Json_is_one_valid_document_with_every_row_and_a_passing_verdict()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Stdout + run.Result.Stderr);
        using var document = JsonDocument.Parse(run.Result.Stdout);
        var root = document.RootElement;

        Assert.Equal("cpu", root.GetProperty("accelerator").GetString());
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal(0, root.GetProperty("failed_outputs").GetInt32());
        Assert.StartsWith("check on cpu: PASSED", root.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(root.GetProperty("passed_outputs").GetInt32() + root.GetProperty("not_run").GetInt32(), rows.Count);
        Assert.All(rows, row => Assert.Contains(row.GetProperty("result").GetString(), new[] { "pass", "not run" }));
    }

    [Fact]
    public void Json_names_every_case_of_the_catalog()
    {
        using var document = JsonDocument.Parse(run.Result.Stdout);
        var shown = document.RootElement.GetProperty("rows").EnumerateArray()
            .Select(row => (row.GetProperty("op").GetString(), row.GetProperty("shape").GetString()))
            .ToHashSet();

        Assert.All(CheckCatalog.All, check => Assert.Contains((check.Op, check.Shape), shown));
    }

    [Fact]
    public void Json_reports_the_variants_that_did_not_run_with_their_reason_and_no_errors()
    {
        using var document = JsonDocument.Parse(run.Result.Stdout);
        var notRun = document.RootElement.GetProperty("rows").EnumerateArray().Where(row => row.GetProperty("result").GetString() == "not run").ToList();

        // The tiles at the largest shapes, and the SIMD variants at widths this CPU does not accelerate (none with AVX-512).
        var tiled = notRun.Where(row => row.GetProperty("variant").GetString()!.StartsWith("tiled", StringComparison.Ordinal)).ToList();
        var simd = notRun.Except(tiled).ToList();
        Assert.Equal(CheckCatalog.All.Count(check => check.LeftToGpus), tiled.Count);
        Assert.All(tiled, row => Assert.Contains("tile-sized CPU device", row.GetProperty("detail").GetString(), StringComparison.Ordinal));
        var unacceleratedNames = KernelVariants.All.Where(v => v.IsSimd() && v.Width() > Kernels.Simd.SimdWidths.Widest).Select(v => v.Name()).ToList();
        int unaccelerated = CheckCatalog.All.Count(check => unacceleratedNames.Any(name => check.Variant.EndsWith(name, StringComparison.Ordinal)));
        Assert.Equal(unaccelerated, simd.Count);
        Assert.All(simd, row => Assert.Contains("this CPU accelerates up to", row.GetProperty("detail").GetString(), StringComparison.Ordinal));
        Assert.All(notRun, row => Assert.Equal(JsonValueKind.Null, row.GetProperty("max_abs_error").ValueKind));
    }

    [Fact]
    public void A_failing_output_prints_fail_in_its_row_a_failed_verdict_and_exits_1()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var target = new CheckTarget(device, output => Array.ConvertAll(output, value => value + 1f));
        using var output = new StringWriter();

        int exit = CheckCommand.Run(target, [CheckCatalog.Named("MetricSums portable 7")], asJson: false, output);

        Assert.Equal(1, exit);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.StartsWith("Device: cpu", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("op", lines[1], StringComparison.Ordinal);
        Assert.Equal(2, lines.Count(line => line.StartsWith("MetricSums", StringComparison.Ordinal) && line.Contains("FAIL: 1 of 1 elements differ", StringComparison.Ordinal)));
        Assert.StartsWith("check on cpu: FAILED: 2 of 2 outputs outside tolerance", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_passing_table_ends_with_a_passed_verdict_and_exits_0()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var target = new CheckTarget(device);
        using var output = new StringWriter();

        int exit = CheckCommand.Run(target, [CheckCatalog.Named("MetricSums portable 7")], asJson: false, output);

        Assert.Equal(0, exit);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Count(line => line.StartsWith("MetricSums", StringComparison.Ordinal) && line.EndsWith("pass", StringComparison.Ordinal)));
        Assert.StartsWith("check on cpu: PASSED: all 2 outputs within tolerance", lines[^1], StringComparison.Ordinal);
    }

    [AbsentAcceleratorFact(AcceleratorKind.Cuda)]
    public void An_absent_accelerator_is_one_line_and_exit_1()
    {
        CliRun result = CliRun.Of("check", "--accelerator", "cuda");

        string line = result.AssertOneLineError(1);
        Assert.Contains("cuda", line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void An_unknown_accelerator_is_a_usage_error()
    {
        CliRun result = CliRun.Of("check", "--accelerator", "tpu");

        Assert.Contains("--accelerator", result.AssertOneLineError(2), StringComparison.Ordinal);
    }
}
