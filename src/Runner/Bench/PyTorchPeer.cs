using System.ComponentModel;
using System.Text.Json;
using Handwriting.Training.Data;

namespace Handwriting.Runner.Bench;

/// <summary>
/// benchmarks/peers/pytorch_mlp.py, the same model and training in PyTorch, run as a whole
/// process by Debian's own python3 (which has python3-torch) on the same number of threads, or
/// by another interpreter (`bench --python`). Device "cpu", "cuda" or "auto" (`bench --pytorch-device`):
/// on CUDA the script keeps model and data on the GPU and synchronises before every clock read.
/// </summary>
public static class PyTorchPeer
{
    public const string Interpreter = "/usr/bin/python3";

    public static TrainerResult Train(int batchSize, int epochs, int threads, string? dataOption, string interpreter = Interpreter, string device = "cpu")
    {
        string? script = ScriptPath();
        if (script is null)
        {
            return Missing(batchSize, epochs, "benchmarks/peers/pytorch_mlp.py not found (run bench from the repository)");
        }

        ChildProcess.Outcome outcome;
        try
        {
            outcome = ChildProcess.Run(
                interpreter,
                [script, "--data", MnistDirectory.Resolve(dataOption), "--epochs", epochs.ToString(System.Globalization.CultureInfo.InvariantCulture), "--batch-size", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture), "--threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "--device", device],
                TimeSpan.FromMinutes(60));
        }
        catch (Win32Exception)
        {
            return Missing(batchSize, epochs, $"{interpreter} not found");
        }

        string? json = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(line => line.TrimStart().StartsWith('{'));
        if (outcome.ExitCode != 0 || json is null)
        {
            string reason = outcome.Stderr.Contains("No module named 'torch'", StringComparison.Ordinal) ? "PyTorch missing: apt-get install python3-torch" : $"exit {outcome.ExitCode}: {LastLine(outcome.Stderr)}";
            return Missing(batchSize, epochs, reason);
        }

        using var result = JsonDocument.Parse(json);
        var root = result.RootElement;
        string ranOn = root.TryGetProperty("device", out var deviceType) ? deviceType.GetString() ?? "cpu" : "cpu";
        string where = ranOn == "cuda"
            ? $"{root.GetProperty("device_name").GetString()}, model and data on the GPU, synchronised before every clock read"
            : $"{threads} threads, BLAS: {(root.TryGetProperty("blas", out var blas) ? blas.GetString() : "unknown")}";
        return new TrainerResult(
            $"PyTorch {root.GetProperty("torch_version").GetString()}",
            ranOn,
            batchSize,
            epochs,
            root.GetProperty("train_images_per_second").GetDouble(),
            outcome.WallSeconds,
            root.GetProperty("inference_images_per_second").GetDouble(),
            root.GetProperty("test_accuracy").GetDouble(),
            $"whole process, {where}");
    }

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    private static TrainerResult Missing(int batchSize, int epochs, string reason) =>
        new("PyTorch", "cpu", batchSize, epochs, null, null, null, null, reason);

    private static string? ScriptPath()
    {
        string? root = RepositoryRoot.FindFrom(Directory.GetCurrentDirectory()) ?? RepositoryRoot.FindFrom(AppContext.BaseDirectory);
        string? path = root is null ? null : Path.Combine(root, "benchmarks", "peers", "pytorch_mlp.py");
        return path is not null && File.Exists(path) ? path : null;
    }
}
