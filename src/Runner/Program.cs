using Handwriting.Runner.Timing;

namespace Handwriting.Runner;

internal static class Program
{
    private static int Main(string[] args)
    {
        ProcessStart.MainReached(); // first: `train` reports the time before Main and counts its phases from here
        return new HandwritingCli(Console.Out, Console.Error).Run(args);
    }
}
