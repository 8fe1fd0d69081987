using System.Runtime.InteropServices;

namespace Handwriting.Training.IO;

/// <summary>
/// stat(2) through .NET's own native shim (libSystem.Native, which every .NET on Linux and macOS
/// ships): its FileStatus struct has one layout on every architecture, unlike libc's struct stat.
/// .NET's public API says neither what kind of file a path names (a FIFO, a device) nor which
/// file it is (device and inode), and both decide whether a file may be read, written or
/// replaced.
/// </summary>
internal static class NativeMethods
{
    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    internal static extern int Stat(string path, out NativeFileStatus status);
}

/// <summary>
/// System.Native's FileStatus (int32 Flags, Mode, Uid, Gid; int64 Size, eight time fields, Dev,
/// RDev, Ino; uint32 UserFlags), read by offset from a buffer larger than the struct, so that a
/// field added at its end in a later .NET can never overrun it. <c>FileStatusTests</c> checks the
/// inode against stat(1).
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct NativeFileStatus
{
    [FieldOffset(4)]
    public int Mode;

    [FieldOffset(88)]
    public long Device;

    [FieldOffset(104)]
    public long Inode;
}
