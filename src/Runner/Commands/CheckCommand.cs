using System.CommandLine;
using System.Diagnostics;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Check;
using Handwriting.Runner.Cli;
using Handwriting.Kernels.Checks;
using Handwriting.Runner.Output;
using Handwriting.Training.Checks;
using Handwriting.Training.Output;

namespace Handwriting.Runner.Commands;

/// <summary>
/// `handwriting check`: every kernel that training, evaluation and prediction launch, in every
/// variant the accelerator can run, against the float64 references, plus one whole training step
/// against the reference trainer; the cases are the tests' own (<see cref="CheckCatalog"/>, <see cref="KernelChecks"/>).
/// Exit 0 when nothing failed, 1 otherwise; an absent accelerator is the usual one-line error.
/// </summary>
public static class CheckCommand
{
    public static Command Create(CommonOptions common, TextWriter output)
    {
        var json = new Option<bool>("--json") { Description = "Write the results as one JSON document instead of the table" };
        var command = new Command("check", "Compare every kernel on the accelerator with the float64 reference (no SDK or source needed)") { json };
        command.SetAction(parse =>
        {
            using var device = ComputeDevice.Open(parse.GetValue(common.Accelerator));
            using var target = new CheckTarget(device);
            return Run(target, CheckCatalog.All, parse.GetValue(json), output);
        });
        return command;
    }

    /// <summary>Runs the cases on the target and writes the table and verdict (or the JSON document); returns the exit code.</summary>
    internal static int Run(CheckTarget target, IReadOnlyList<CheckCase> cases, bool asJson, TextWriter output)
    {
        var device = target.Device;
        string name = device.Description.ToString();
        if (!asJson)
        {
            output.WriteLine($"Device: {name}");
            output.WriteLine(CheckTable.Header());
        }

        var clock = Stopwatch.StartNew();
        var rows = new List<CheckRow>();
        foreach (var check in cases)
        {
            foreach (var row in check.Run(target))
            {
                rows.Add(row);
                if (!asJson)
                {
                    output.WriteLine(CheckTable.Row(row));
                }
            }
        }

        string verdict = CheckTable.Verdict(device.Kind.Name(), rows, clock.Elapsed);
        output.WriteLine(asJson ? JsonFiles.Serialize(CheckReport.Of(device.Kind.Name(), name, rows, clock.Elapsed, verdict)) : verdict);
        return rows.Any(r => r.Result == CheckResult.Fail) ? ExitCodes.Failure : ExitCodes.Success;
    }
}
