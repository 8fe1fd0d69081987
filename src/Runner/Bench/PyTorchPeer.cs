using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Handwriting.Training.Data;

namespace Handwriting.Runner.Bench;

/// <summary>
/// benchmarks/peers/pytorch_mlp.py, the same model and training in PyTorch, run as a whole
/// process by Debian's own python3 (which has python3-torch), or by another interpreter
/// (`bench --python`), in each of its <see cref="Settings"/>. Device "cpu", "cuda" or "auto"
/// (`bench --pytorch-device`): on CUDA the script keeps model and data on the GPU and
/// synchronises before every clock read.
/// </summary>
public static class PyTorchPeer
{
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>When the peer's training loop reads its loss and accuracy sums back to Python (pytorch_mlp.py --read-back).</summary>
    public enum ReadBack
    {
        /// <summary>Once per epoch: the sums stay tensors (PyTorch at its best).</summary>
        Epoch,

        /// <summary>loss.item() and an argmax .item() after every step, as a loop printing per-step metrics does (the loop bench ran before issue 23).</summary>
        Step,
    }

    /// <summary>Torch's intra- and inter-op threads, OpenBLAS's threads and the loop's read-backs for one run of the peer.</summary>
    public sealed record Setting(int Threads, int BlasThreads, ReadBack Reads = ReadBack.Epoch)
    {
        public override string ToString() =>
            $"{Threads} {(Threads == 1 ? "thread" : "threads")}, {BlasThreads}-thread BLAS" + (Reads == ReadBack.Step ? ", .item() per step" : "");

        /// <summary>The script's --read-back value.</summary>
        public string ReadBackOption => Reads == ReadBack.Step ? "step" : "epoch";
    }

    /// <summary>
    /// PyTorch's candidates for its fastest configuration on <paramref name="processors"/> cores,
    /// each with a loop that reads nothing back per step: one thread, and one thread per core over
    /// a one-thread BLAS (two torch threads over a multi-threaded OpenBLAS oversubscribe the
    /// cores, several times slower). Which is faster varies from machine to machine and day to
    /// day, so bench runs both and compares against the faster. Then, as a labelled row, the loop
    /// that reads its sums back every step on one thread, what bench ran before issue 23 (about
    /// twice as slow on one thread, three times on two).
    /// </summary>
    public static IReadOnlyList<Setting> Settings(int processors) =>
        processors <= 1 ? [new(1, 1), new(1, 1, ReadBack.Step)] : [new(1, 1), new(processors, 1), new(1, 1, ReadBack.Step)];

    public static TrainerResult Train(int batchSize, int epochs, Setting setting, string? dataOption, string interpreter = Interpreter, string device = "cpu")
    {
        string? script = ScriptPath();
        if (script is null)
        {
            return Missing(batchSize, epochs, "benchmarks/peers/pytorch_mlp.py not found (run bench from the repository)", setting);
        }

        ChildProcess.Outcome outcome;
        try
        {
            outcome = ChildProcess.Run(
                interpreter,
                [script, "--data", MnistDirectory.Resolve(dataOption), "--epochs", Text(epochs), "--batch-size", Text(batchSize), "--threads", Text(setting.Threads), "--blas-threads", Text(setting.BlasThreads), "--read-back", setting.ReadBackOption, "--device", device],
                TimeSpan.FromMinutes(60));
        }
        catch (Win32Exception)
        {
            return Missing(batchSize, epochs, $"{interpreter} not found", setting);
        }

        string? json = outcome.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(line => line.TrimStart().StartsWith('{'));
        if (outcome.ExitCode != 0 || json is null)
        {
            string reason = outcome.Stderr.Contains("No module named 'torch'", StringComparison.Ordinal) ? "PyTorch missing: apt-get install python3-torch" : $"exit {outcome.ExitCode}: {LastLine(outcome.Stderr)}";
            return Missing(batchSize, epochs, reason, setting);
        }

        using var result = JsonDocument.Parse(json);
        var root = result.RootElement;
        string ranOn = root.TryGetProperty("device", out var deviceType) ? deviceType.GetString() ?? "cpu" : "cpu";
        string where = ranOn == "cuda"
            ? $"{root.GetProperty("device_name").GetString()}, model and data on the GPU, synchronised before every clock read"
            : $"{setting}, BLAS: {Blas(root).Kind}";
        // The script times inference over the test set after its test evaluation, which `train`
        // does not do: that span is taken out of the peer's whole process, and the note says how much.
        double inference = root.TryGetProperty("inference_total_seconds", out var span) ? span.GetDouble() : 0;
        return new TrainerResult(
            $"PyTorch {root.GetProperty("torch_version").GetString()}",
            ranOn,
            batchSize,
            epochs,
            root.GetProperty("train_images_per_second").GetDouble(),
            outcome.WallSeconds - inference,
            root.GetProperty("inference_images_per_second").GetDouble(),
            root.GetProperty("test_accuracy").GetDouble(),
            string.Create(CultureInfo.InvariantCulture, $"whole process less its {inference:F2} s of inference timing, {where}"),
            ranOn == "cuda" ? "on the GPU" : setting.ToString(),
            BlasLibraries: Blas(root).Libraries,
            PeakResidentBytes: outcome.PeakResidentBytes);
    }

    /// <summary>The BLAS the peer's matmuls went to, as the script read it from its memory map: its kind ("openblas"), and the library files.</summary>
    private static (string Kind, string? Libraries) Blas(JsonElement root)
    {
        string kind = root.TryGetProperty("blas", out var blas) ? blas.GetString() ?? "unknown" : "unknown";
        var libraries = root.TryGetProperty("blas_libraries", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(l => l.GetString()).OfType<string>().ToList()
            : [];
        return (kind, libraries.Count > 0 ? string.Join(", ", libraries) : null);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string LastLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";

    private static TrainerResult Missing(int batchSize, int epochs, string reason, Setting setting) =>
        new("PyTorch", "cpu", batchSize, epochs, null, null, null, null, reason, setting.ToString());

    private static string? ScriptPath()
    {
        string? root = RepositoryRoot.FindFrom(Directory.GetCurrentDirectory()) ?? RepositoryRoot.FindFrom(AppContext.BaseDirectory);
        string? path = root is null ? null : Path.Combine(root, "benchmarks", "peers", "pytorch_mlp.py");
        return path is not null && File.Exists(path) ? path : null;
    }
}
