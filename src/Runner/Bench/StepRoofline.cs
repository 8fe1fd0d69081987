using System.Globalization;
using System.Text;
using Handwriting.Training.Model;

namespace Handwriting.Runner.Bench;

/// <summary>
/// What each kernel of a training step should take on an H100 at best: its floating-point work
/// and the bytes it must move, against the card's peak FP32 rate and memory bandwidth (the
/// roofline), next to the launch latency that bounds such small kernels. A GPU run of
/// `handwriting bench` can be judged against this table.
/// </summary>
public static class StepRoofline
{
    /// <summary>H100 SXM5: FP32 without tensor cores, 67 TFLOP/s; HBM3, 3.35 TB/s (NVIDIA's datasheet figures).</summary>
    public const double PeakFlops = 67e12;

    public const double PeakBytesPerSecond = 3.35e12;

    /// <summary>A typical kernel launch latency on a recent NVIDIA GPU, from the host's enqueue to the next kernel's start.</summary>
    public const double LaunchSeconds = 4e-6;

    public sealed record KernelWork(string Kernel, double Flops, double Bytes);

    /// <summary>The seven launches of a step of the seed model (one hidden layer), as DeviceNetwork makes them.</summary>
    public static IReadOnlyList<KernelWork> SeedStep(int batch)
    {
        var shape = MlpShape.Seed;
        double b = batch, i = shape.Inputs, h = shape.Hidden[0], o = shape.Outputs, p = shape.ParameterCount;
        const double F = sizeof(float);
        return
        [
            new("PixelBatch (the batch's bytes through the shuffled indices, / 255)", b * i, b * i + F * (b * i + b)),
            new("DenseForward, hidden (bias, ReLU, dropout)", 2 * b * i * h, F * (b * i + i * h + h + b * h)),
            new("DenseForward, logits", 2 * b * h * o, F * (b * h + h * o + o + b * o)),
            new("SoftmaxCrossEntropy", 6 * b * o, F * (2 * b * o + 3 * b)),
            new("WeightGradient, logits layer", 2 * b * h * o + b * o, F * (b * h + b * o + (h + 1) * o)),
            new("InputGradient (through W2, dropout, ReLU)", 2 * b * o * h, F * (b * o + h * o + 2 * b * h)),
            new("WeightGradient, hidden layer", 2 * b * i * h + b * h, F * (b * i + b * h + (i + 1) * h)),
            new("Adam over all parameters", 12 * p, F * 7 * p),
        ];
    }

    public static string Markdown(int batch)
    {
        var kernels = SeedStep(batch);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Per training step of the seed model at batch {batch} (784-128-10; {MlpShape.Seed.ParameterCount:N0} parameters):");
        text.AppendLine();
        text.AppendLine("| kernel | FLOPs | bytes moved | FLOPs/byte | compute bound (us) | memory bound (us) | roofline (us) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        double total = 0;
        foreach (var kernel in kernels)
        {
            double compute = kernel.Flops / PeakFlops * 1e6;
            double memory = kernel.Bytes / PeakBytesPerSecond * 1e6;
            total += Math.Max(compute, memory);
            text.AppendLine(CultureInfo.InvariantCulture, $"| {kernel.Kernel} | {kernel.Flops:N0} | {kernel.Bytes:N0} | {kernel.Flops / kernel.Bytes:F2} | {compute:F3} | {memory:F3} | {Math.Max(compute, memory):F3} |");
        }

        double launches = kernels.Count * LaunchSeconds * 1e6;
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Sum of the rooflines: {total:F2} us per step. Launch latency alone, {kernels.Count} launches at about {LaunchSeconds * 1e6:F0} us: {launches:F0} us per step, so at this batch size an H100 step is bound by launches, not by FLOPs or bandwidth: about {launches * 1500 / 1e6 * 1e3:F0} ms for the 1,500 steps of an epoch. A GPU run should approach that; going below it needs fewer launches (a persistent or CUDA-graph step), not faster kernels.");
        return text.ToString();
    }
}
