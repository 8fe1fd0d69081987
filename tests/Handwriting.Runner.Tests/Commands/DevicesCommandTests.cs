namespace Handwriting.Runner.Tests.Commands;

public sealed class DevicesCommandTests
{
    [Fact]
    public void Devices_lists_the_cpu_accelerator()
    {
        CliRun result = CliRun.Of("devices");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Empty(result.Stderr);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("cpu: ILGPU CPU accelerator", StringComparison.Ordinal));
    }
}
