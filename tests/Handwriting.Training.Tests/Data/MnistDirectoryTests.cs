using Handwriting.Training.Data;

namespace Handwriting.Training.Tests.Data;

/// <summary>Resolution order with the environment passed in, so these run in parallel with everything else.</summary>
public sealed class MnistDirectoryTests : IDisposable
{
    private readonly TemporaryFolder _repository = new();
    private readonly TemporaryFolder _elsewhere = new();

    public MnistDirectoryTests()
    {
        File.WriteAllText(_repository.File("Handwriting.sln"), "");
        Directory.CreateDirectory(Nested);
    }

    private string Nested => Path.Combine(_repository.Path, "src", "Runner", "bin");

    public void Dispose()
    {
        _repository.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public void The_data_option_comes_first()
    {
        string resolved = MnistDirectory.Resolve("/opt/digits", "/srv/mnist", Nested, Nested);

        Assert.Equal(Path.GetFullPath("/opt/digits"), resolved);
    }

    [Fact]
    public void A_relative_data_option_is_taken_from_the_current_folder()
    {
        string resolved = MnistDirectory.Resolve("digits", "/srv/mnist", _elsewhere.Path, Nested);

        Assert.Equal(Path.Combine(_elsewhere.Path, "digits"), resolved);
    }

    [Fact]
    public void The_environment_variable_comes_second()
    {
        string resolved = MnistDirectory.Resolve(null, "/srv/mnist", Nested, Nested);

        Assert.Equal(Path.GetFullPath("/srv/mnist"), resolved);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Empty_values_count_as_not_given(string empty)
    {
        string resolved = MnistDirectory.Resolve(empty, empty, Nested, Nested);

        Assert.Equal(Path.Combine(_repository.Path, "data", "mnist"), resolved);
    }

    [Fact]
    public void Otherwise_data_mnist_under_the_repository_found_from_the_current_folder()
    {
        string resolved = MnistDirectory.Resolve(null, null, Nested, _elsewhere.Path);

        Assert.Equal(Path.Combine(_repository.Path, "data", "mnist"), resolved);
    }

    [Fact]
    public void The_repository_is_also_found_from_the_base_folder()
    {
        string resolved = MnistDirectory.Resolve(null, null, _elsewhere.Path, Nested);

        Assert.Equal(Path.Combine(_repository.Path, "data", "mnist"), resolved);
    }

    [Fact]
    public void Without_a_repository_data_mnist_under_the_current_folder()
    {
        string resolved = MnistDirectory.Resolve(null, null, _elsewhere.Path, _elsewhere.Path);

        Assert.Equal(Path.Combine(_elsewhere.Path, "data", "mnist"), resolved);
    }
}
