using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Handwriting.Training.Data;

namespace Handwriting.Runner.Tests.Notebooks;

/// <summary>
/// notebooks/seed.ipynb as committed (the seed's steps in order, each a markdown and a code cell,
/// the package version Version.props sets), the check CI runs on its executed copy
/// (notebooks/verify.py, on executed notebooks made here: it passes a good one and fails each
/// fault with the cell's error), and the sample's size and package reference.
/// </summary>
public sealed partial class SeedNotebookTests : IDisposable
{
    private static readonly string Root = RepositoryRoot.FindFrom(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException("no Handwriting.sln above the test's folder");

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_notebook_takes_the_seed_steps_in_order_each_a_markdown_and_a_code_cell()
    {
        var cells = Cells(Path.Combine(Root, "notebooks", "seed.ipynb"));
        string[] steps = ["Mnist.Load(", "Sequential.Create(784, [Dense(128, Activation.Relu), Dropout(0.2), Dense(10, Activation.Softmax)]", ".Compile(Optimizer.Adam(",
            "validationSplit: 0.2", ".Evaluate(mnist.Test)", ".Predict(mnist.Test.Take(1))", "AccuracyPlot()", "mnist.Test.Plot(1, [first]"];

        var code = cells.Where(c => c.Type == "code").Select(c => c.Source).ToList();
        int[] at = steps.Select(step => code.FindIndex(source => source.Contains(step, StringComparison.Ordinal))).ToArray();

        Assert.All(at, index => Assert.True(index >= 0, $"a step is missing: {steps[Array.IndexOf(at, index)]}"));
        Assert.Equal(at.Order(), at);
        Assert.Contains("LossPlot()", code[at[6]], StringComparison.Ordinal);
        for (int i = 1; i < cells.Count; i++)
        {
            Assert.True(cells[i].Type != "code" || cells[i - 1].Type == "markdown", $"code cell {i} has no markdown cell before it");
        }
    }

    [Fact]
    public void The_notebook_and_the_sample_ask_for_the_version_Version_props_sets()
    {
        string version = VersionProperty().Match(File.ReadAllText(Path.Combine(Root, "Version.props"))).Groups[1].Value;
        string notebook = string.Join('\n', Cells(Path.Combine(Root, "notebooks", "seed.ipynb")).Select(c => c.Source));

        Assert.Equal([$"#r \"nuget: Handwriting.Training, {version}\""], NugetReference().Matches(notebook).Select(m => m.Value));
        Assert.Contains("Version=\"$(HandwritingVersion)\"", File.ReadAllText(Path.Combine(Root, "samples", "Seed", "Seed.csproj")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_is_a_package_consumer_of_at_most_15_lines()
    {
        string project = File.ReadAllText(Path.Combine(Root, "samples", "Seed", "Seed.csproj"));

        Assert.DoesNotContain("ProjectReference", project, StringComparison.Ordinal);
        Assert.Contains("<PackageReference Include=\"Handwriting.Training\"", project, StringComparison.Ordinal);
        Assert.InRange(File.ReadAllLines(Path.Combine(Root, "samples", "Seed", "Program.cs")).Length, 1, 15);
        Assert.DoesNotContain("samples", File.ReadAllText(Path.Combine(Root, "Handwriting.sln")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_check_passes_an_executed_notebook_that_ran_well()
    {
        var (exit, output) = Verify(Executed());

        Assert.True(exit == 0, output);
        Assert.Contains("every cell ran without error", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_fails_a_notebook_whose_cell_failed_with_the_cells_error()
    {
        var (exit, output) = Verify(Executed(fitOutput: Error("System.InvalidOperationException: call Compile(optimizer) before Fit")));

        Assert.Equal(1, exit);
        Assert.Contains("code cell 2 (var history = model.Fit(mnist.Train, validationSplit: 0.2);): Error: System.InvalidOperationException: call Compile(optimizer) before Fit", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_fails_a_test_accuracy_below_0_975()
    {
        var (exit, output) = Verify(Executed(accuracy: "0.9749"));

        Assert.Equal(1, exit);
        Assert.Contains("test_accuracy 0.9749 is below 0.9750", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_fails_plots_that_are_not_images()
    {
        var (exit, output) = Verify(Executed(plotOutput: Stream("Handwriting.Api.PlotImage\n")));

        Assert.Equal(1, exit);
        Assert.Contains("displays 2 images but has 0 image/png outputs", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_check_fails_a_cell_that_did_not_run()
    {
        var notebook = Executed();
        var fit = notebook["cells"]!.AsArray()[3]!.AsObject();
        fit["outputs"] = new JsonArray();
        fit["metadata"] = new JsonObject();

        var (exit, output) = Verify(notebook);

        Assert.Equal(1, exit);
        Assert.Contains("code cell 2 (var history = model.Fit(mnist.Train, validationSplit: 0.2);): did not run", output, StringComparison.Ordinal);
    }

    private static List<(string Type, string Source)> Cells(string path)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(path))!;
        return notebook["cells"]!.AsArray()
            .Select(cell => (cell!["cell_type"]!.GetValue<string>(), string.Concat(cell["source"]!.AsArray().Select(line => line!.GetValue<string>()))))
            .ToList();
    }

    /// <summary>An executed notebook as dotnet-repl writes one: three code cells (fit, evaluate, plots), each after a markdown cell.</summary>
    private static JsonObject Executed(JsonObject? fitOutput = null, string accuracy = "0.9760", JsonObject? plotOutput = null)
    {
        JsonObject Code(string source, params JsonObject[] outputs) => new()
        {
            ["cell_type"] = "code",
            ["metadata"] = new JsonObject { ["dotnet_repl_cellExecutionEndTime"] = "2026-12-07T12:00:00Z" },
            ["source"] = new JsonArray(source),
            ["outputs"] = new JsonArray(outputs),
        };
        JsonObject Markdown(string text) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = new JsonArray(text) };
        return new JsonObject
        {
            ["cells"] = new JsonArray(
                Markdown("## Load"),
                Code("var mnist = Mnist.Load();", Stream("train: 60000 images\n")),
                Markdown("## Fit"),
                Code("var history = model.Fit(mnist.Train, validationSplit: 0.2);", fitOutput ?? Stream("Epoch 5/5 - loss: 0.0700\n")),
                Markdown("## Evaluate"),
                Code("Console.WriteLine(model.Evaluate(mnist.Test));", Stream($"test_loss: 0.0750 - test_accuracy: {accuracy}\n")),
                Markdown("## Plots"),
                Code("display(history.AccuracyPlot());\ndisplay(history.LossPlot());", plotOutput ?? Image(), plotOutput is null ? Image() : Stream("")),
                Markdown("## First test image"),
                Code("display(mnist.Test.Plot(1, [first]));", Image())),
            ["metadata"] = new JsonObject(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 4,
        };
    }

    private static JsonObject Stream(string text) => new() { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = new JsonArray(text) };

    private static JsonObject Image() => new() { ["output_type"] = "display_data", ["data"] = new JsonObject { ["image/png"] = "iVBORw0KGgo=" }, ["metadata"] = new JsonObject() };

    private static JsonObject Error(string message) => new() { ["output_type"] = "error", ["ename"] = "Error", ["evalue"] = $"{message}\n   at Submission#4.<<Initialize>>d__0.MoveNext()", ["traceback"] = new JsonArray() };

    private (int Exit, string Output) Verify(JsonObject notebook)
    {
        string path = _folder.File("executed.ipynb");
        File.WriteAllText(path, notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(Root, "notebooks", "verify.py"));
        start.ArgumentList.Add(path);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start (apt-get install python3)");
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout + stderr.Result);
    }

    [GeneratedRegex("<HandwritingVersion>([^<]+)</HandwritingVersion>")]
    private static partial Regex VersionProperty();

    [GeneratedRegex("#r \"nuget: Handwriting[^\"]*\"")]
    private static partial Regex NugetReference();
}
