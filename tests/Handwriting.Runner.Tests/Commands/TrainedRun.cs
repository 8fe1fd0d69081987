
namespace Handwriting.Runner.Tests.Commands;

/// <summary>
/// One quick training run on the CPU, shared by every test that needs a model: 6,000 training
/// images (4,800 to train, 1,200 to validate), 2 epochs. Its run folder is deleted afterwards.
/// </summary>
public sealed class TrainedRun : IDisposable
{
    public const int Epochs = 2;

    private readonly TemporaryFolder _folder = new();

    public TrainedRun()
    {
        Folder = Path.Combine(_folder.Path, "run");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Train = CliRun.Of("train", "--limit", "6000", "--epochs", $"{Epochs}", "--out", Folder, "--accelerator", "cpu");
        Seconds = clock.Elapsed.TotalSeconds;
        if (Train.ExitCode != 0)
        {
            throw new InvalidOperationException($"the shared training run failed with exit code {Train.ExitCode}: {Train.Stderr}");
        }
    }

    /// <summary>The run folder train wrote.</summary>
    public string Folder { get; }

    public string Model => File("model.bin");

    /// <summary>How long the in-process `train` call took, start to return.</summary>
    public double Seconds { get; }

    internal CliRun Train { get; }

    public string File(string name) => Path.Combine(Folder, name);

    public void Dispose() => _folder.Dispose();
}

[CollectionDefinition(Name)]
public sealed class TrainedRunCollection : ICollectionFixture<TrainedRun>
{
    public const string Name = "Trained run";
}
