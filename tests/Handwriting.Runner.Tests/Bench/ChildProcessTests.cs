using Handwriting.Runner.Bench;

namespace Handwriting.Runner.Tests.Bench;

/// <summary>
/// bench's child processes: their exit codes, output and, on Linux, peak memory (VmHWM), checked
/// against children whose memory is known: a shell holding a 50 MB string, and a bare sleep.
/// </summary>
public sealed class ChildProcessTests
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    [Fact]
    public void Reports_the_exit_code_and_both_streams()
    {
        var outcome = ChildProcess.Run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"], Minute);

        Assert.Equal(3, outcome.ExitCode);
        Assert.Equal("out\n", outcome.Stdout);
        Assert.Equal("err\n", outcome.Stderr);
        Assert.True(outcome.WallSeconds > 0);
    }

    [Fact]
    public void The_peak_memory_is_the_childs_own()
    {
        Assert.True(OperatingSystem.IsLinux(), "bench measures peak memory on Linux, where these tests run");

        // The shell keeps the 50,000,000-byte string while sleep runs; sleep itself holds a few MiB.
        var big = ChildProcess.Run("/bin/sh", ["-c", "x=$(head -c 50000000 /dev/zero | tr '\\0' a); sleep 0.3; echo ${#x}"], Minute);
        var small = ChildProcess.Run("/bin/sh", ["-c", "sleep 0.3"], Minute);

        Assert.Equal("50000000\n", big.Stdout);
        Assert.InRange(big.PeakResidentBytes!.Value, 48L << 20, 512L << 20); // the upper bound catches a unit slip (KiB read as bytes)
        Assert.InRange(small.PeakResidentBytes!.Value, 1L << 10, 16L << 20); // the child's own, not this test host's 100+ MiB
    }

    [Theory]
    [InlineData("Name:\tdotnet\nVmPeak:\t 3000 kB\nVmHWM:\t  123456 kB\nVmRSS:\t  100000 kB\n", 123456L * 1024)]
    [InlineData("Name:\tzombie\nState:\tZ (zombie)\n", null)]
    [InlineData("VmHWM:\t  12x kB\n", null)]
    public void Reads_the_high_water_mark_line_in_bytes(string status, long? expected)
    {
        Assert.Equal(expected, ChildProcess.HighWaterMarkIn(status));
    }

    [Fact]
    public void A_program_that_is_not_there_cannot_start()
    {
        Assert.Throws<System.ComponentModel.Win32Exception>(() => ChildProcess.Run("/nonexistent/handwriting-test-program", [], Minute));
    }
}
