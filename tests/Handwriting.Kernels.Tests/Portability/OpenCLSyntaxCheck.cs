namespace Handwriting.Kernels.Tests.Portability;

/// <summary>
/// Debian's clang-14 as an OpenCL C 2.0 front end: it rejects what a device's OpenCL compiler would,
/// such as the undeclared FusedMultiplyAdd that ILGPU 1.5.3 emits for MathF.FusedMultiplyAdd.
/// Missing clang is a failure, never a skip: CI installs it, and a silent skip would hide exactly
/// the backend bugs this check exists for.
/// </summary>
public static class OpenCLSyntaxCheck
{
    public const string Compiler = "clang-14";

    private const string Install = "clang-14 is required to check the generated OpenCL C: apt-get install clang-14";

    /// <summary>Runs clang on <paramref name="source"/>; fails the test with clang's diagnostics if it does not accept it.</summary>
    public static void AssertAccepted(string source, string what)
    {
        var (accepted, diagnostics) = Check(source);
        if (!accepted)
        {
            Assert.Fail($"{Compiler} rejects the OpenCL C of {what}:{Environment.NewLine}{diagnostics}");
        }
    }

    /// <summary>Whether clang accepts <paramref name="source"/> as OpenCL C 2.0, with what it printed.</summary>
    public static (bool Accepted, string Diagnostics) Check(string source)
    {
        var directory = Directory.CreateTempSubdirectory("handwriting-cl-");
        try
        {
            string path = Path.Combine(directory.FullName, "kernel.cl");
            File.WriteAllText(path, source);
            var (exitCode, output) = Run(path);
            return (exitCode == 0, output);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output) Run(string path) =>
        ExternalTool.Run(Compiler, ["-x", "cl", "-cl-std=CL2.0", "-fsyntax-only", path], Install);
}
