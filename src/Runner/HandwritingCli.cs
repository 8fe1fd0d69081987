using System.CommandLine;
using Handwriting.Runner.Cli;
using Handwriting.Runner.Commands;
using Handwriting.Runner.Serve;

namespace Handwriting.Runner;

/// <summary>
/// The `handwriting` command line. Writers are injected so that tests run commands in-process
/// and read what a user would see.
/// </summary>
public sealed class HandwritingCli
{
    private readonly TextWriter _output;
    private readonly TextWriter _error;
    private readonly CommonOptions _common = new();
    private readonly RootCommand _root;

    public HandwritingCli(TextWriter output, TextWriter error)
    {
        _output = output;
        _error = error;
        _root = new RootCommand("Handwriting: train and use an MNIST digit recognizer with our own ILGPU kernels")
        {
            TrainCommand.Create(_common, output),
            EvaluateCommand.Create(_common, output, error),
            PredictCommand.Create(_common, output, error),
            ServeCommand.Create(_common, output, error),
            ExportCommand.Create(output),
            BenchCommand.Create(_common, output),
            DataCommand.Create(_common, output),
            DevicesCommand.Create(output),
            CheckCommand.Create(_common, output),
        };
        _common.AddTo(_root);
    }

    public int Run(IReadOnlyList<string> args)
    {
        bool verbose = args.Contains(_common.Verbose.Name);
        try
        {
            var parse = _root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                _error.WriteLine($"handwriting: {CommandLineFaults.Describe(parse, _root)} (see 'handwriting --help')");
                return ExitCodes.Usage;
            }

            if (CommandLineFaults.EmptyValue(parse) is string empty)
            {
                _error.WriteLine($"handwriting: {empty} (see 'handwriting --help')");
                return ExitCodes.Usage;
            }

            return parse.Invoke(new InvocationConfiguration
            {
                Output = _output,
                Error = _error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception exception)
        {
            return ErrorReport.Write(exception, _error, verbose);
        }
    }
}
