using System.Diagnostics;
using Handwriting.Runner.Timing;

namespace Handwriting.Runner.Tests.Timing;

public sealed class ProcessStartTests
{
    /// <summary>A command name may hold spaces and parentheses; starttime (field 22) is counted from after the last ')'.</summary>
    [Fact]
    public void Reads_the_start_tick_after_a_command_name_with_spaces_and_parentheses()
    {
        const string stat = "4242 (my (odd) name) S 1 4242 4242 0 -1 4194560 500 0 0 0 7 3 0 0 20 0 9 0 12345 300000000 5000 18446744073709551615";

        // Started 12345 ticks (123.45 s) after boot; now 130.00 s after boot.
        Assert.Equal(6.55, ProcessStart.FromProcFs(stat, "130.00 250.00\n"), 9);
    }

    [Fact]
    public void Refuses_a_stat_line_too_short_to_hold_the_start_time()
    {
        Assert.Throws<FormatException>(() => ProcessStart.FromProcFs("1 (x) S 1 2 3", "10.00 5.00"));
    }

    /// <summary>On Linux the figure comes from /proc; it must agree with .NET's own start time to within its coarser clock.</summary>
    [Fact]
    public void Agrees_with_the_runtime_s_process_start_time()
    {
        double? seconds = ProcessStart.SecondsSinceStart();
        using var self = Process.GetCurrentProcess();
        double runtime = (DateTime.Now - self.StartTime).TotalSeconds;

        Assert.NotNull(seconds);
        Assert.InRange(seconds.Value, runtime - 2, runtime + 2);
    }
}
