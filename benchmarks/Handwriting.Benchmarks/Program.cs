using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Validators;
using Handwriting.Benchmarks.Setup;
using Handwriting.Benchmarks.Throughput;

namespace Handwriting.Benchmarks;

/// <summary>
/// Runs the kernel benchmarks chosen by BenchmarkDotNet's own arguments (--filter, --job,
/// --inProcess, ...; see benchmarks/README.md).
///
/// Build and run in Release (`dotnet run -c Release ...`): a Debug build is refused by
/// BenchmarkDotNet's optimisation check, which this program turns into a failing exit code,
/// because a Debug build measures nothing worth reading.
///
/// Exit code 0 only when at least one benchmark ran and every one produced a result; otherwise 1:
/// a validation error (Debug build, a bad baseline, ...), a benchmark that threw or failed to
/// build, or nothing run at all (a --filter that matches no benchmark), which BenchmarkDotNet
/// itself reports as success.
/// </summary>
internal static class Program
{
    // Arguments that only print something and run no benchmark on purpose.
    private static readonly string[] InformationalArguments = ["--list", "--info", "--help", "-h", "-?", "--version"];

    private static int Main(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddColumn(ThroughputColumn.GigaflopsPerSecond, ThroughputColumn.GigabytesPerSecond)
            .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory)
            .AddFilter(new RunsOnFilter())
            .AddValidator(JitOptimizationsValidator.FailOnError);

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config).ToArray();
        if (args.Any(argument => InformationalArguments.Contains(argument, StringComparer.OrdinalIgnoreCase)))
        {
            return 0;
        }

        foreach (string note in RunsOnFilter.RanNowhere(summaries.SelectMany(summary => summary.BenchmarksCases).Select(c => c.Descriptor.Type)))
        {
            Console.WriteLine($"benchmarks: {note}");
        }

        var failures = Failures(summaries);
        foreach (string failure in failures)
        {
            Console.Error.WriteLine($"benchmarks: {failure}");
        }

        return failures.Count == 0 ? 0 : 1;
    }

    private static List<string> Failures(Summary[] summaries)
    {
        if (summaries.Length == 0)
        {
            return ["no benchmark ran: does --filter match any? (`--list flat` lists them)"];
        }

        var failures = new List<string>();
        foreach (var summary in summaries)
        {
            failures.AddRange(summary.ValidationErrors
                .Where(error => error.IsCritical)
                .Select(error => $"{summary.Title}: validation error: {error.Message}"));
            if (summary.Reports.Length == 0)
            {
                failures.Add($"{summary.Title}: no benchmark produced a report");
            }

            failures.AddRange(summary.Reports
                .Where(report => !report.Success || report.ResultStatistics is null)
                .Select(report => $"{summary.Title}: {report.BenchmarkCase.DisplayInfo} failed or produced no measurement"));
        }

        return failures;
    }
}
