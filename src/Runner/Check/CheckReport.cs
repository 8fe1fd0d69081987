using Handwriting.Kernels.Checks;

namespace Handwriting.Runner.Check;

/// <summary>`handwriting check --json`: the device, the counts, the verdict and every row.</summary>
public sealed record CheckReport(string Accelerator, string Device, bool Passed, int PassedOutputs, int FailedOutputs, int NotRun, double Seconds, string Verdict, IReadOnlyList<CheckReport.Row> Rows)
{
    public static CheckReport Of(string accelerator, string device, IReadOnlyList<CheckRow> rows, TimeSpan elapsed, string verdict) =>
        new(
            accelerator,
            device,
            rows.All(r => r.Result != CheckResult.Fail),
            rows.Count(r => r.Result == CheckResult.Pass),
            rows.Count(r => r.Result == CheckResult.Fail),
            rows.Count(r => r.Result == CheckResult.NotRun),
            elapsed.TotalSeconds,
            verdict,
            rows.Select(r => new Row(r.Op, r.Variant, r.Shape, r.Output, Finite(r.MaxAbsoluteError), Finite(r.MaxRelativeError), r.Tolerance, Name(r.Result), r.Detail)).ToList());

    /// <summary>One table row; errors are null where nothing was compared or an error is not finite (the detail says which).</summary>
    public sealed record Row(string Op, string Variant, string Shape, string Output, double? MaxAbsError, double? MaxRelError, string Tolerance, string Result, string Detail);

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Name(CheckResult result) => result switch
    {
        CheckResult.Pass => "pass",
        CheckResult.Fail => "fail",
        _ => "not run",
    };
}
