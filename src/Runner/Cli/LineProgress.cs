namespace Handwriting.Runner.Cli;

/// <summary>Hands each reported line to a writer at once, on the reporting thread (Progress&lt;T&gt; would post it to the thread pool, out of order with the command's own lines).</summary>
internal sealed class LineProgress(Action<string> write) : IProgress<string>
{
    public void Report(string value) => write(value);
}
