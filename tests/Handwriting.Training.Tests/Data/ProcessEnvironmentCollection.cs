namespace Handwriting.Training.Tests.Data;

/// <summary>
/// Tests that change the process's environment variables. xunit runs this collection alone, after
/// the parallel ones, so no other test reads MNIST_DIR while it is changed.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection
{
    public const string Name = "Process environment";
}
