using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Handwriting.Training.IO;

/// <summary>What a path names, following symbolic links as open(2) does.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,

    /// <summary>A FIFO, a character or block device, or a socket: neither seekable nor replaceable.</summary>
    Special,
}

/// <summary>
/// The kind and identity (device, inode) of the file a path names, symbolic links followed.
/// Readers use it to refuse a FIFO or a device before opening it (an open blocks on a FIFO), and
/// writers to tell whether an output is one of the command's inputs under another name.
/// </summary>
public readonly record struct FileStatus(FileKind Kind, long Device, long Inode, string? Fault, string? SpecialName)
{
    private const int TypeMask = 0xF000;
    private const int Fifo = 0x1000;
    private const int CharacterDevice = 0x2000;
    private const int DirectoryType = 0x4000;
    private const int BlockDevice = 0x6000;
    private const int RegularType = 0x8000;
    private const int Socket = 0xC000;

    /// <summary>Stats <paramref name="path"/>. On Windows only the kind is known (no identity).</summary>
    public static FileStatus Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            return Directory.Exists(path) ? new(FileKind.Directory, 0, 0, null, null)
                : File.Exists(path) ? new(FileKind.Regular, 0, 0, null, null)
                : new(FileKind.Missing, 0, 0, null, null);
        }

        if (NativeMethods.Stat(path, out NativeFileStatus status) != 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            const int NoEntry = 2;
            const int NotADirectory = 20;
            // A missing file or folder is an ordinary answer; a loop of links or a denied search
            // permission is a fault worth naming (.NET would call either "does not exist").
            return errno is NoEntry or NotADirectory
                ? new(FileKind.Missing, 0, 0, null, null)
                : new(FileKind.Missing, 0, 0, new Win32Exception(errno).Message, null);
        }

        return (status.Mode & TypeMask) switch
        {
            RegularType => new(FileKind.Regular, status.Device, status.Inode, null, null),
            DirectoryType => new(FileKind.Directory, status.Device, status.Inode, null, null),
            Fifo => new(FileKind.Special, status.Device, status.Inode, null, "a FIFO"),
            CharacterDevice => new(FileKind.Special, status.Device, status.Inode, null, "a character device"),
            BlockDevice => new(FileKind.Special, status.Device, status.Inode, null, "a block device"),
            Socket => new(FileKind.Special, status.Device, status.Inode, null, "a socket"),
            _ => new(FileKind.Special, status.Device, status.Inode, null, "an unknown kind of file"),
        };
    }

    /// <summary>Whether both name the same existing file (same device and inode; on Windows, the same full path).</summary>
    public static bool SameFile(string first, string second)
    {
        if (OperatingSystem.IsWindows())
        {
            return string.Equals(Path.GetFullPath(first), Path.GetFullPath(second), StringComparison.OrdinalIgnoreCase);
        }

        FileStatus a = Of(first);
        FileStatus b = Of(second);
        return a.Kind != FileKind.Missing && b.Kind != FileKind.Missing && a.Device == b.Device && a.Inode == b.Inode;
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot be read as a regular file, in words that follow the path
    /// ("is a FIFO, not a regular file"), or null when it can. Missing files are left to the
    /// caller's own message.
    /// </summary>
    public static string? WhyNotReadable(string path)
    {
        FileStatus status = Of(path);
        return status switch
        {
            { Fault: string fault } => $"cannot be opened: {fault}",
            { Kind: FileKind.Directory } => "is a folder, not a file",
            { Kind: FileKind.Special, SpecialName: var name } => $"is {name}, not a regular file",
            _ => null,
        };
    }
}
