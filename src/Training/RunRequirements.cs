using System.Globalization;
using Handwriting.Training.Model;

namespace Handwriting.Training;

/// <summary>
/// What a training run will need, worked out from its options and data sizes before anything is
/// allocated: the step count (an int in the trainer and the schedule), the parameter count (an
/// int in the model file) and the device memory (parameters, gradients and Adam's two moments;
/// the activations of a batch; the three image sets; the per-epoch buffers). A run that cannot
/// fit is refused with a message naming the option that asks for most, instead of an overflow
/// or an OutOfMemoryException at the first allocation. All arithmetic is in double, which
/// cannot overflow at these sizes.
/// </summary>
public static class RunRequirements
{
    private const double BytesPerFloat = sizeof(float);

    private const double GiB = 1024.0 * 1024 * 1024;

    /// <summary>Throws ArgumentException naming the option at fault when the run cannot be done on a device of <paramref name="deviceBytes"/>.</summary>
    public static void Check(TrainingOptions options, int inputs, int classes, long trainImages, long validationImages, long testImages, long deviceBytes)
    {
        ArgumentNullException.ThrowIfNull(options);
        double parameters = ParameterCount(inputs, options.Hidden, classes);
        if (parameters > int.MaxValue)
        {
            throw new ArgumentException(Text(
                $"--hidden {string.Join(',', options.Hidden)}: the network would have {parameters:N0} parameters, more than the {int.MaxValue:N0} a model holds"));
        }

        double stepsPerEpoch = Math.Ceiling((double)trainImages / options.BatchSize);
        double steps = stepsPerEpoch * options.Epochs;
        if (steps > int.MaxValue)
        {
            throw new ArgumentException(Text(
                $"--epochs {options.Epochs}: {options.Epochs:N0} epochs of {stepsPerEpoch:N0} steps make {steps:N0} steps, more than the {int.MaxValue:N0} a run counts"));
        }

        // Rows of one forward pass: a batch, or an evaluation chunk, whichever is larger.
        double rows = Math.Max(options.BatchSize, Trainer.EvaluationRows);
        double widths = options.Hidden.Sum(width => (double)width) + classes;
        var needs = new (string Option, double Bytes)[]
        {
            ($"--hidden {string.Join(',', options.Hidden)}", 4 * parameters * BytesPerFloat),
            ($"--batch-size {options.BatchSize}", (2 * rows * widths * BytesPerFloat) + (options.Augmentation is null ? 0 : options.BatchSize * (double)inputs * BytesPerFloat)),
            (options.Limit is null ? "the MNIST images" : $"--limit {options.Limit}", ((trainImages + validationImages + testImages) * ((inputs * BytesPerFloat) + sizeof(int))) + (trainImages * 4.0 * sizeof(float))),
        };
        double total = needs.Sum(need => need.Bytes);
        if (total > deviceBytes)
        {
            var largest = needs.MaxBy(need => need.Bytes);
            throw new ArgumentException(Text(
                $"{largest.Option}: the run needs about {total / GiB:0.0} GiB of device memory ({string.Join(", ", needs.Select(need => $"{Describe(need.Option)} {need.Bytes / GiB:0.0} GiB"))}), the device has {deviceBytes / GiB:0.0} GiB"));
        }
    }

    /// <summary>Weights and biases of every layer, counted in double so that no width overflows it.</summary>
    public static double ParameterCount(int inputs, IReadOnlyList<int> hidden, int classes)
    {
        ArgumentNullException.ThrowIfNull(hidden);
        double count = 0;
        double fanIn = inputs;
        foreach (int fanOut in hidden.Append(classes))
        {
            count += (fanIn * fanOut) + fanOut;
            fanIn = fanOut;
        }

        return count;
    }

    private static string Describe(string option) => option switch
    {
        _ when option.StartsWith("--hidden", StringComparison.Ordinal) => "parameters, gradients and Adam",
        _ when option.StartsWith("--batch-size", StringComparison.Ordinal) => "activations",
        _ => "images",
    };

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
