namespace Handwriting.Runner;

internal static class Program
{
    private static int Main(string[] args) => new HandwritingCli(Console.Out, Console.Error).Run(args);
}
