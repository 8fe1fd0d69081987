using System.Diagnostics;
using System.Globalization;

namespace Handwriting.Runner.Timing;

/// <summary>
/// How long the process ran before Main: the runtime starting, loading and JIT-compiling the
/// program. Program.Main calls <see cref="MainReached"/> first thing.
/// </summary>
/// <remarks>
/// On Linux both figures come from the kernel and from the same clock: the process's start
/// (field 22 of /proc/self/stat, clock ticks since boot, set when the process was forked) and
/// the time since boot (/proc/uptime). Both count from boot on CLOCK_BOOTTIME, so neither a
/// change of the wall clock nor a suspend can skew their difference, and neither needs the boot
/// time in wall-clock terms (which /proc/stat gives to the second only). Their resolution is
/// 10 ms. Elsewhere, <see cref="Process.StartTime"/> against the wall clock.
/// </remarks>
public static class ProcessStart
{
    /// <summary>USER_HZ, the unit of /proc's tick counts: 100 on every architecture .NET runs on (x64, arm64, arm).</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The <see cref="Stopwatch"/> timestamp of Main's start; null when Main did not run (the command called in-process, as tests do).</summary>
    public static long? MainTimestamp { get; private set; }

    /// <summary>Seconds from the process's start to Main; null when Main did not run or the start time could not be read.</summary>
    public static double? SecondsBeforeMain { get; private set; }

    public static void MainReached()
    {
        MainTimestamp = Stopwatch.GetTimestamp();
        SecondsBeforeMain = SecondsSinceStart();
    }

    /// <summary>Seconds since this process started, or null where the system does not say.</summary>
    public static double? SecondsSinceStart()
    {
        try
        {
            if (OperatingSystem.IsLinux())
            {
                return FromProcFs(File.ReadAllText("/proc/self/stat"), File.ReadAllText("/proc/uptime"));
            }

            using var self = Process.GetCurrentProcess();
            return (DateTime.Now - self.StartTime).TotalSeconds;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or NotSupportedException)
        {
            return null; // a timing figure, never a reason to fail a run
        }
    }

    /// <summary>Seconds between the start recorded in a /proc/PID/stat line and the time since boot in a /proc/uptime line.</summary>
    public static double FromProcFs(string stat, string uptime)
    {
        // Field 2, the command name in parentheses, may itself hold spaces and parentheses:
        // the fields after the last ')' start with field 3, so starttime (22) is the 20th.
        string[] fields = stat[(stat.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 20)
        {
            throw new FormatException($"/proc/self/stat has {fields.Length + 2} fields, expected at least 22");
        }

        double started = long.Parse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture) / TicksPerSecond;
        double now = double.Parse(uptime.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return Math.Max(0, now - started);
    }
}
