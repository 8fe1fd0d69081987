using System.Globalization;
using Handwriting.Kernels.Checks;

namespace Handwriting.Runner.Check;

/// <summary>
/// `handwriting check`'s table, written a row at a time as the cases finish (so a case that hangs
/// on a GPU shows where), with fixed column widths, and its one-line verdict.
/// </summary>
public static class CheckTable
{
    private static readonly (string Title, int Width)[] Columns =
    [
        ("op", 20), ("variant", 30), ("shape", 48), ("output", 22), ("max abs err", 11), ("max rel err", 11), ("tolerance", 20), ("result", 0),
    ];

    public static string Header() =>
        Line(Columns.Select(c => c.Title).ToArray()) + Environment.NewLine + Line(Columns.Select(c => new string('-', Math.Max(c.Width, c.Title.Length))).ToArray());

    public static string Row(CheckRow row) =>
        Line([row.Op, row.Variant, row.Shape, row.Output, Number(row.MaxAbsoluteError), Number(row.MaxRelativeError), row.Tolerance, Result(row)]);

    /// <summary>"PASSED: ..." or "FAILED: ...", naming what did not run.</summary>
    public static string Verdict(string device, IReadOnlyList<CheckRow> rows, TimeSpan elapsed)
    {
        int passed = rows.Count(r => r.Result == CheckResult.Pass);
        int failed = rows.Count(r => r.Result == CheckResult.Fail);
        int notRun = rows.Count(r => r.Result == CheckResult.NotRun);
        string skipped = notRun == 0 ? "" : $"; {notRun} not run on this accelerator (see their rows)";
        string verdict = failed == 0
            ? $"PASSED: all {passed} outputs within tolerance of the float64 reference{skipped}"
            : $"FAILED: {failed} of {passed + failed} outputs outside tolerance of the float64 reference{skipped}";
        return string.Create(CultureInfo.InvariantCulture, $"check on {device}: {verdict} ({elapsed.TotalSeconds:F1} s)");
    }

    private static string Result(CheckRow row) => row.Result switch
    {
        CheckResult.Pass => "pass",
        CheckResult.Fail => $"FAIL: {row.Detail}",
        _ => $"not run: {row.Detail}",
    };

    private static string Number(double value) =>
        double.IsNaN(value) ? "-" : value.ToString("0.00E+00", CultureInfo.InvariantCulture);

    private static string Line(string[] cells) =>
        string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(Math.Max(Columns[i].Width, Columns[i].Title.Length)))).TrimEnd();
}
