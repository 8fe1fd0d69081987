using System.ComponentModel;
using System.Diagnostics;

namespace Handwriting.Kernels.Tests.Portability;

/// <summary>
/// Runs a command-line tool that a check depends on (clang-14, oclgrind-kernel, ptxas) and returns
/// its exit code with everything it printed. A missing tool fails the test with the line that
/// installs it, never skips it: CI installs every one, and a silent skip would hide exactly what
/// the check exists for.
/// </summary>
public static class ExternalTool
{
    public static (int ExitCode, string Output) Run(string tool, IEnumerable<string> arguments, string install)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception error)
        {
            Assert.Fail($"{install} ({error.Message})");
            throw;
        }

        using (process)
        {
            if (process is null)
            {
                Assert.Fail(install);
                throw new InvalidOperationException(install);
            }

            var errors = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output + errors.Result);
        }
    }
}
