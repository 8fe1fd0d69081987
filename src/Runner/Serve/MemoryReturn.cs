using System.Runtime.InteropServices;

namespace Handwriting.Runner.Serve;

/// <summary>EXPERIMENT: how memory is handed back after a large image (chosen by measuring).</summary>
internal static class MemoryReturn
{
    private static readonly string Mode = Environment.GetEnvironmentVariable("HANDWRITING_MEMORY_RETURN") ?? "aggressive";

    public static void AfterLargeImage()
    {
        switch (Mode)
        {
            case "none":
                return;
            case "collect":
                GC.Collect();
                break;
            case "compact":
                System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
                GC.Collect();
                break;
            default:
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                break;
        }

        if (Mode.EndsWith("trim", StringComparison.Ordinal) && OperatingSystem.IsLinux())
        {
            _ = MallocTrim(0);
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
