namespace Handwriting.Runner.Serve;

/// <summary>
/// Hands the memory of a large image back to the system once it has been answered.
/// <para>
/// Why it is needed, measured (`benchmarks/Handwriting.ServeLoad memory`, see the README): a
/// 6000 x 6000 upload leaves a 144 MB luminance array (and more from preparation) on the large
/// object heap. Nothing collects it: no full collection ran in the whole measurement, since the
/// runtime's budget for large objects grows with them, so resident memory went from 166 MB idle
/// to 310 MB after one such image and 640 MB after sixteen, and stayed there. A plain
/// <c>GC.Collect()</c> freed the heap (5 MB live) but kept its memory committed for reuse: 336 MB
/// resident. Only an aggressive collection, which decommits what it frees, brought the server
/// back to 165-175 MB. The pixels themselves are decoded into native memory freed at once
/// (<see cref="Images.EncodedImage.Decode"/>), so what is left to the C library's allocator after
/// that is about 10 MB, not worth a call into it.
/// </para>
/// </summary>
internal static class MemoryReturn
{
    /// <summary>A blocking, compacting full collection that decommits the freed memory: a few milliseconds on this server's small heap, once per large image.</summary>
    public static void AfterLargeImage() =>
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
}
