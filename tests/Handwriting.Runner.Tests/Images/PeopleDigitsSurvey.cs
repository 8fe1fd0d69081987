using System.Globalization;
using System.Text;
using Handwriting.Kernels.Devices;
using Handwriting.Runner.Images;
using Handwriting.Training;
using Handwriting.Training.Data;
using Handwriting.Training.Images;
using Handwriting.Training.Model;
using Xunit.Abstractions;

namespace Handwriting.Runner.Tests.Images;

/// <summary>
/// The measurement behind README's "Predicting your own digits": a trained model's accuracy on the
/// 2,520 generated digits (3 x 840) of <see cref="HandDrawnDigits.Survey"/> (written as PNG files and read back
/// as `predict` reads them), per slant, pen width, size, position and polarity, prepared with each
/// combination of <see cref="PreparationSteps"/>; and on the 10,000 MNIST test digits enlarged to 112 x 112 and prepared the same two ways.
/// It is a measurement, not a check: it runs only when HANDWRITING_SURVEY_MODEL names a model.bin,
/// and is reported as skipped, with that reason, otherwise. HANDWRITING_SURVEY_DATA is the
/// MNIST folder (default: the usual resolution) and HANDWRITING_SURVEY_OUT keeps the images and
/// the table (survey.md).
/// </summary>
public sealed class PeopleDigitsSurvey(ITestOutputHelper log)
{
    public const int Seed = 8, Repeats = 3;

    [SurveyFact]
    public void Measure_predict_on_generated_digits_with_each_combination_of_preparation_steps()
    {
        string model = Environment.GetEnvironmentVariable(SurveyFactAttribute.ModelVariable)!;

        using var temporary = new TemporaryFolder();
        string folder = Environment.GetEnvironmentVariable("HANDWRITING_SURVEY_OUT") is { Length: > 0 } kept ? kept : temporary.Path;
        Directory.CreateDirectory(folder);

        IReadOnlyList<DigitStyle> styles = HandDrawnDigits.Survey(Seed, Repeats);
        PreparationSteps[] variants = [PreparationSteps.None, PreparationSteps.ThickenThinStrokes, PreparationSteps.Deskew, PreparationSteps.Default];
        List<float>[] prepared = variants.Select(_ => new List<float>()).ToArray();
        for (int i = 0; i < styles.Count; i++)
        {
            string file = Path.Combine(folder, FileName(i, styles[i]));
            HandDrawnDigits.Save(styles[i], file);
            LuminanceImage image = DigitImageFile.Read(file);
            for (int v = 0; v < variants.Length; v++)
            {
                prepared[v].AddRange(DigitPreparation.Prepare(image.Luminance, image.Width, image.Height, variants[v]));
            }
        }

        var test = MnistData.LoadOrFetch(Environment.GetEnvironmentVariable("HANDWRITING_SURVEY_DATA"), log.WriteLine).Test;
        const int MnistCount = 10_000, Enlarged = 112;
        var mnistAsIs = new List<float>();
        List<float>[] mnistPrepared = variants.Select(_ => new List<float>()).ToArray();
        for (int i = 0; i < MnistCount; i++)
        {
            float[] digit = test.Image(i);
            float[] page = Enlarge(digit, Enlarged / 28);
            mnistAsIs.AddRange(digit);
            for (int v = 0; v < variants.Length; v++)
            {
                mnistPrepared[v].AddRange(DigitPreparation.Prepare(page, Enlarged, Enlarged, variants[v]));
            }
        }

        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var network = SavedNetwork.Load(device, model);
        int[] Predict(List<float> pixels)
        {
            float[] probabilities = Prediction.Probabilities(device, network, pixels.ToArray());
            return Enumerable.Range(0, pixels.Count / 784)
                .Select(i => Softmax.ArgMax(probabilities.AsSpan(i * 10, 10).ToArray())).ToArray();
        }

        int[][] predicted = prepared.Select(Predict).ToArray();
        int[] labels = styles.Select(s => s.Digit).ToArray();
        int[] mnistLabels = test.Labels.Take(MnistCount).ToArray();

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| generated digits (seed {Seed}) | images | MNIST's recipe only (before) | + thickening | + deskewing | both (now) |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|");
        void Row(string name, Func<DigitStyle, bool> which)
        {
            int[] chosen = Enumerable.Range(0, styles.Count).Where(i => which(styles[i])).ToArray();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {chosen.Length} | {string.Join(" | ", predicted.Select(p => Accuracy(p, labels, chosen)))} |");
        }

        Row("all", _ => true);
        Row("slant -20..+20 degrees", s => Math.Abs(s.Slant) <= 20);
        foreach (double slant in styles.Select(s => s.Slant).Distinct())
        {
            Row($"slant {slant:+0;-0;0} degrees", s => s.Slant == slant);
        }

        foreach (double pen in styles.Select(s => s.PenWidth).Distinct())
        {
            Row($"pen width {pen:0.00} of the height", s => s.PenWidth == pen);
        }

        foreach (double size in styles.Select(s => s.Size).Distinct())
        {
            Row($"height {size:0.00} of the canvas", s => s.Size == size);
        }

        Row("centred", s => !s.OffCentre);
        Row("off centre", s => s.OffCentre);
        Row("dark on light", s => !s.LightOnDark);
        Row("light on dark", s => s.LightOnDark);
        foreach (int digit in Enumerable.Range(0, 10))
        {
            Row($"digit {digit}", s => s.Digit == digit);
        }

        int[] all = Enumerable.Range(0, MnistCount).ToArray();
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| MNIST test 0..{MnistCount - 1}, enlarged to {Enlarged} px and re-prepared | {MnistCount} | {string.Join(" | ", mnistPrepared.Select(p => Accuracy(Predict(p), mnistLabels, all)))} |");
        table.AppendLine(CultureInfo.InvariantCulture,
            $"| MNIST test 0..{MnistCount - 1} as stored (no preparation) | {MnistCount} | {Accuracy(Predict(mnistAsIs), mnistLabels, all)} | | | |");

        log.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(folder, "survey.md"), table.ToString());
    }

    private static string FileName(int i, DigitStyle s) => string.Create(CultureInfo.InvariantCulture,
        $"{i:000}-digit{s.Digit}-slant{s.Slant:+0;-0;0}-pen{s.PenWidth:0.00}-size{s.Size:0.00}{(s.OffCentre ? "-off" : "")}{(s.LightOnDark ? "-dark" : "")}.png");

    internal static string Accuracy(int[] predicted, int[] labels, int[] chosen) =>
        string.Create(CultureInfo.InvariantCulture, $"{100.0 * chosen.Count(i => predicted[i] == labels[i]) / chosen.Length:0.0}%");

    /// <summary>A 28x28 MNIST digit (light ink on black) as dark ink on white, each pixel repeated factor x factor.</summary>
    internal static float[] Enlarge(float[] digit, int factor)
    {
        int side = 28 * factor;
        float[] page = new float[side * side];
        for (int y = 0; y < side; y++)
        {
            for (int x = 0; x < side; x++)
            {
                page[(y * side) + x] = 1f - digit[((y / factor) * 28) + (x / factor)];
            }
        }

        return page;
    }
}

/// <summary>A fact that runs only when a model to survey is named, and says so when skipped.</summary>
public sealed class SurveyFactAttribute : FactAttribute
{
    public const string ModelVariable = "HANDWRITING_SURVEY_MODEL";

    public SurveyFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ModelVariable)))
        {
            Skip = $"a measurement, not a check: set {ModelVariable} to a model.bin to run the survey (README, 'Predicting your own digits')";
        }
    }
}
