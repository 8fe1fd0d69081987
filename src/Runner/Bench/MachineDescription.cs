namespace Handwriting.Runner.Bench;

/// <summary>What the numbers were measured on, in one line.</summary>
public static class MachineDescription
{
    public static string Describe()
    {
        string cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }

        string os = System.Runtime.InteropServices.RuntimeInformation.OSDescription;
        return $"{cpu}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {os}, .NET {Environment.Version}";
    }
}
