using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Handwriting.Benchmarks.Throughput;

/// <summary>
/// A rate column next to the time: the case's <see cref="Work"/> (from its class's
/// <see cref="IMeasuredWork.WorkOf"/>) divided by the measured mean. Work per nanosecond is
/// exactly giga-units per second, so the mean (in ns, as BenchmarkDotNet reports it) divides
/// the work directly. Cases whose work has none of this unit show "-"; a table with none at all
/// (GB/s in the matmul table) leaves the column out.
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    /// <summary>2·M·K·N / mean: the matmuls.</summary>
    public static readonly IColumn GigaflopsPerSecond = new ThroughputColumn(
        "GFLOP/s", work => work.Flops, "Floating-point operations per second, 2*M*K*N / Mean, in units of 10^9");

    /// <summary>Bytes read plus written by the float32 kernel / mean: element-wise ops, Adam, reductions.</summary>
    public static readonly IColumn GigabytesPerSecond = new ThroughputColumn(
        "GB/s", work => work.Bytes, "Bytes the float32 kernel reads plus writes, per second, in units of 10^9 (the float64 baseline is credited the same bytes)");

    private readonly Func<Work, double> _amount;

    private ThroughputColumn(string name, Func<Work, double> amount, string legend)
    {
        ColumnName = name;
        Id = nameof(ThroughputColumn) + "." + name;
        Legend = legend;
        _amount = amount;
    }

    public string Id { get; }

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Statistics;

    // After Mean, Error and StdDev; before the baseline's Ratio.
    public int PriorityInCategory => 100;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? rate = Rate(summary, benchmarkCase);
        return rate is { } value ? value.ToString(Format(value), style.CultureInfo ?? CultureInfo.InvariantCulture) : "-";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) =>
        summary.BenchmarksCases.Any(benchmarkCase => _amount(WorkOf(benchmarkCase)) > 0);

    public override string ToString() => ColumnName;

    /// <summary>Work per nanosecond (giga-units per second), or null without work or a result.</summary>
    public double? Rate(Summary summary, BenchmarkCase benchmarkCase)
    {
        double amount = _amount(WorkOf(benchmarkCase));
        double? meanNanoseconds = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return amount > 0 && meanNanoseconds is > 0 ? amount / meanNanoseconds.Value : null;
    }

    /// <summary>Calls the benchmark class's static <see cref="IMeasuredWork.WorkOf"/>; classes without one have no work.</summary>
    public static Work WorkOf(BenchmarkCase benchmarkCase)
    {
        var type = benchmarkCase.Descriptor.Type;
        if (!type.GetInterfaces().Contains(typeof(IMeasuredWork)))
        {
            return Work.None;
        }

        var method = type.GetMethod(nameof(IMeasuredWork.WorkOf), BindingFlags.Public | BindingFlags.Static, [typeof(BenchmarkCase)]);
        return method?.Invoke(null, [benchmarkCase]) is Work work ? work : Work.None;
    }

    // Three significant figures, whatever the scale: 0.0123, 1.23, 123.
    private static string Format(double value) => value switch
    {
        >= 100 => "F0",
        >= 10 => "F1",
        >= 1 => "F2",
        >= 0.1 => "F3",
        _ => "G3",
    };
}
