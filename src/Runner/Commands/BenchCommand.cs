using System.CommandLine;
using System.Globalization;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Bench;
using Handwriting.Runner.Cli;
using Handwriting.Runner.Plots;
using Handwriting.Training.Data;
using Handwriting.Training.IO;

namespace Handwriting.Runner.Commands;

/// <summary>
/// `handwriting bench`: end-to-end training and inference of the seed model by our trainer on
/// each accelerator present, the float64 reference trainer and PyTorch (in each configuration
/// that can be its fastest, and its old per-step-read loop), in one run, with each process's peak
/// memory and where our `train` process's time went (the phases of its metrics.json); writes BENCHMARKS.md and bench.png into runs/bench-TIMESTAMP (or --out DIR).
/// </summary>
public static class BenchCommand
{
    private const string ScratchPrefix = "handwriting-bench-";

    public static Command Create(CommonOptions common, TextWriter output)
    {
        var epochs = new Option<int>("--epochs") { Description = "Epochs per training run", DefaultValueFactory = _ => 5 };
        var batchSizes = new Option<string>("--batch-sizes") { Description = "Batch sizes to compare, comma-separated", DefaultValueFactory = _ => "32,128", HelpName = "SIZES" };
        var referenceSteps = new Option<int>("--reference-steps") { Description = "Steps to time the float64 reference trainer over", DefaultValueFactory = _ => 50 };
        var noPeer = new Option<bool>("--no-pytorch") { Description = "Leave PyTorch out" };
        var runs = new Option<int>("--runs") { Description = "Whole-process runs of each configuration, alternated; each row is the run of median wall time", DefaultValueFactory = _ => 3 };
        var outFolder = new Option<string?>("--out")
        {
            Description = "Where to write BENCHMARKS.md and bench.png (default: runs/bench-<UTC timestamp>; '--out .' in the repository root regenerates its own)",
            HelpName = "DIR",
        };
        var python = new Option<string>("--python") { Description = "The Python interpreter that has PyTorch", DefaultValueFactory = _ => PyTorchPeer.Interpreter, HelpName = "PATH" };
        var peerDevice = new Option<string>("--pytorch-device") { Description = "Where PyTorch trains: cpu, cuda, or auto (cuda when its torch sees a GPU)", DefaultValueFactory = _ => "cpu" };
        peerDevice.AcceptOnlyFromAmong("cpu", "cuda", "auto");
        var command = new Command("bench", "Time `train` as a whole process on each accelerator, with its peak memory, against PyTorch at its best (a loop that reads nothing back per step, on one thread and on one per core over a one-thread BLAS; the old loop's .item() per step as a labelled row; ratios against the fastest) and the float64 reference; break the process's time into phases (start-up, compilation, data, training, validation, test, plots, files); write BENCHMARKS.md and bench.png")
        {
            epochs, batchSizes, referenceSteps, noPeer, runs, outFolder, python, peerDevice,
        };
        command.SetAction(parse =>
        {
            int epochCount = parse.GetValue(epochs);
            int steps = parse.GetValue(referenceSteps);
            int runCount = parse.GetValue(runs);
            if (epochCount < 1 || steps < 1 || runCount < 1)
            {
                throw new UsageException("--epochs, --reference-steps and --runs must be at least 1");
            }

            int[] batches = ParseSizes(parse.GetValue(batchSizes) ?? "32,128");
            string? data = parse.GetValue(common.Data);
            string folder = parse.GetValue(outFolder) ?? DefaultFolder(DateTime.UtcNow);
            var mnist = MnistData.LoadOrFetch(data, output.WriteLine); // read once: every in-process measurement takes its images from here

            // Every accelerator present, or only the one --accelerator names.
            var chosen = parse.GetValue(common.Accelerator);
            var kinds = DeviceCatalog.List().Select(d => d.Kind).Distinct().Where(k => chosen == AcceleratorKind.Auto || k == chosen).ToList();
            if (kinds.Count == 0)
            {
                throw new DeviceNotFoundException($"no {chosen.Name()} accelerator is present (see 'handwriting devices')");
            }

            Leftovers.SweepFolders(Path.GetTempPath(), ScratchPrefix, ""); // scratch folders of benches killed outright
            string scratch = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), Leftovers.NewName(ScratchPrefix, ""))).FullName;
            var results = new List<TrainerResult>();
            var counts = new List<StepCounts>();
            var rates = new List<KernelRates.Rate>();
            try
            {
                foreach (int batch in batches)
                {
                    // Every configuration once per round, round after round: the machine's slow
                    // minutes fall on all of them alike (MedianRuns).
                    var rounds = new List<TrainerResult>();
                    for (int run = 1; run <= runCount; run++)
                    {
                        string of = runCount > 1 ? $", run {run} of {runCount}" : "";
                        string runScratch = Directory.CreateDirectory(Path.Combine(scratch, $"run{run}")).FullName;
                        foreach (var kind in kinds)
                        {
                            output.WriteLine($"handwriting train on {kind.Name()}, batch {batch}, {epochCount} epochs{of} ...");
                            rounds.Add(Report(output, OwnTrainerBenchmark.Train(kind, batch, epochCount, data, mnist.Test, runScratch)));
                        }

                        if (!parse.GetValue(noPeer))
                        {
                            foreach (var setting in PyTorchPeer.Settings(Environment.ProcessorCount))
                            {
                                output.WriteLine($"PyTorch peer, {setting}, batch {batch}, {epochCount} epochs{of} ...");
                                var peer = Report(output, PyTorchPeer.Train(batch, epochCount, setting, data, parse.GetValue(python)!, parse.GetValue(peerDevice)!));
                                rounds.Add(peer);
                                if (peer.Accelerator == "cuda")
                                {
                                    break; // on a GPU the CPU threads hardly matter: one configuration
                                }
                            }
                        }
                    }

                    results.AddRange(MedianRuns.Of(rounds));
                    foreach (var kind in kinds)
                    {
                        var (launches, synchronizations) = OwnTrainerBenchmark.CountsPerStep(kind, batch, 100, mnist);
                        counts.Add(new StepCounts(kind.Name(), batch, launches, synchronizations));
                        rates.AddRange(KernelRates.Measure(kind, batch));
                    }

                    output.WriteLine($"float64 reference trainer, batch {batch}, {steps} steps ...");
                    results.Add(Report(output, ReferenceTrainerBenchmark.Train(batch, steps, mnist.Train)));
                }
            }
            finally
            {
                Directory.Delete(scratch, recursive: true);
            }

            var report = new BenchmarkReport(MachineDescription.Describe(), "handwriting " + string.Join(' ', parse.Tokens.Select(t => t.Value)), DateTime.UtcNow, results, counts, rates);
            output.WriteLine();
            output.Write(report.Table());
            output.WriteLine();
            output.Write(report.CountsTable());
            output.WriteLine();
            output.Write(report.Peers());
            output.WriteLine();
            output.Write(PhaseBreakdown.Markdown(results));
            output.WriteLine();
            output.Write(report.Targets());
            Directory.CreateDirectory(folder);
            byte[] markdown = System.Text.Encoding.UTF8.GetBytes(report.Markdown());
            AtomicFile.Write(Path.Combine(folder, "BENCHMARKS.md"), stream => stream.Write(markdown));
            ThroughputChart.Save(Path.Combine(folder, "bench.png"), report.TrainingBars(), report.WallBars());
            output.WriteLine($"Wrote {Path.Combine(folder, "BENCHMARKS.md")} and bench.png");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// `runs/bench-20261124-053200` under the current folder: never the repository's own
    /// BENCHMARKS.md and bench.png, which only an explicit `--out .` replaces.
    /// </summary>
    public static string DefaultFolder(DateTime utcNow) =>
        Path.Combine("runs", "bench-" + utcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));

    private static TrainerResult Report(TextWriter output, TrainerResult result)
    {
        string speed = result.TrainImagesPerSecond is double perSecond ? perSecond.ToString("N0", CultureInfo.InvariantCulture) + " training images/s" : "no training figure";
        string wall = result.WallSeconds is double seconds ? string.Create(CultureInfo.InvariantCulture, $", whole process {seconds:F1} s") : "";
        string accuracy = result.TestAccuracy is double test ? string.Create(CultureInfo.InvariantCulture, $", test accuracy {test * 100:F2}%") : "";
        output.WriteLine($"  {speed}{wall}{accuracy} ({result.Note})");
        return result;
    }

    private static int[] ParseSizes(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var sizes = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1)
            {
                throw new UsageException($"--batch-sizes: '{parts[i]}' is not a positive batch size");
            }
        }

        return sizes.Length > 0 ? sizes : throw new UsageException("--batch-sizes names no batch size");
    }
}
