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
/// The measurement behind README's table of captured digits: a trained model's accuracy on the
/// development set of <see cref="CapturedDigits"/> (fonts, templates and writers, degraded;
/// written as files and read back as `predict` reads them), by source, by degradation and by
/// digit, for each way of preparing them in <see cref="Readings"/>; and on the 10,000 MNIST test
/// digits enlarged to 112 x 112 and prepared the same ways. Like <see cref="PeopleDigitsSurvey"/>
/// it runs only when HANDWRITING_SURVEY_MODEL names a model.bin (HANDWRITING_SURVEY_DATA: the
/// MNIST folder; HANDWRITING_SURVEY_OUT keeps the images and captured.md).
/// </summary>
public sealed class CapturedDigitsSurvey(ITestOutputHelper log)
{
    public const int Seed = 17;

    /// <summary>A way of reading a digit: its preparation, and whether the predictions of it shifted a pixel each way are averaged with its own.</summary>
    private sealed record Reading(string Name, PreparationSteps Steps, bool AverageShifts);

    private const PreparationSteps Before = PreparationSteps.Deskew | PreparationSteps.ThickenThinStrokes;

    private static readonly Reading[] Readings =
    [
        new("MNIST's recipe only", PreparationSteps.None, false),
        new("before: deskew + thicken", Before, false),
        new("+ flatten light", Before | PreparationSteps.FlattenLight, false),
        new("+ normalise thick strokes", Before | PreparationSteps.FlattenLight | PreparationSteps.NormaliseThickStrokes, false),
        new("+ average 5 shifts", Before | PreparationSteps.FlattenLight | PreparationSteps.NormaliseThickStrokes, true),
        new("flatten light + crop to stroke cores", Before | PreparationSteps.FlattenLight | PreparationSteps.CropToStrokeCores, false),
        new("flatten light + squeeze thick bars", Before | PreparationSteps.FlattenLight | PreparationSteps.SqueezeThickBars, false),
    ];

    /// <summary>The prepared digit and the same moved one pixel left, right, up and down: views whose predictions are averaged.</summary>
    private static float[][] Shifts(float[] digit)
    {
        float[] Moved(int dx, int dy)
        {
            float[] moved = new float[digit.Length];
            for (int y = 0; y < 28; y++)
            {
                for (int x = 0; x < 28; x++)
                {
                    int sx = x - dx, sy = y - dy;
                    moved[(y * 28) + x] = sx is >= 0 and < 28 && sy is >= 0 and < 28 ? digit[(sy * 28) + sx] : 0f;
                }
            }

            return moved;
        }

        return [digit, Moved(-1, 0), Moved(1, 0), Moved(0, -1), Moved(0, 1)];
    }

    [SurveyFact]
    public void Measure_predict_on_captured_digits_from_fonts_templates_and_writers()
    {
        string model = Environment.GetEnvironmentVariable(SurveyFactAttribute.ModelVariable)!;
        using var temporary = new TemporaryFolder();
        string folder = Environment.GetEnvironmentVariable("HANDWRITING_SURVEY_OUT") is { Length: > 0 } kept ? kept : temporary.Path;
        Directory.CreateDirectory(folder);

        IReadOnlyList<CapturedDigit> set = CapturedDigits.Set(Seed);
        var images = new List<LuminanceImage>();
        for (int i = 0; i < set.Count; i++)
        {
            (string extension, byte[] bytes) = CapturedDigits.Encode(set[i]);
            string file = Path.Combine(folder, FileName(i, set[i]) + extension);
            File.WriteAllBytes(file, bytes);
            images.Add(DigitImageFile.Read(file));
        }

        var test = MnistData.LoadOrFetch(Environment.GetEnvironmentVariable("HANDWRITING_SURVEY_DATA"), log.WriteLine).Test;
        const int MnistCount = 10_000, Enlarged = 112;
        float[][] mnistPages = Enumerable.Range(0, MnistCount)
            .Select(i => PeopleDigitsSurvey.Enlarge(test.Image(i), Enlarged / 28)).ToArray();

        using var device = ComputeDevice.Open(AcceleratorKind.Cpu);
        using var network = SavedNetwork.Load(device, model);
        // Each preparation once per image, shared by the readings that use it.
        var preparedCache = new Dictionary<(PreparationSteps, bool), float[][]>();
        float[][] Prepared(PreparationSteps steps, IReadOnlyList<(float[] Pixels, int Width, int Height)> inputs, bool mnist)
        {
            if (!preparedCache.TryGetValue((steps, mnist), out float[][]? prepared))
            {
                prepared = inputs.AsParallel().AsOrdered().Select(input => DigitPreparation.Prepare(input.Pixels, input.Width, input.Height, steps)).ToArray();
                preparedCache[(steps, mnist)] = prepared;
            }

            return prepared;
        }

        int[] Predict(Reading reading, IReadOnlyList<(float[] Pixels, int Width, int Height)> inputs, bool mnist)
        {
            float[][][] views = Prepared(reading.Steps, inputs, mnist).Select(p => reading.AverageShifts ? Shifts(p) : new[] { p }).ToArray();
            int count = views[0].Length;
            float[] probabilities = Prediction.Probabilities(device, network, views.SelectMany(v => v).SelectMany(p => p).ToArray());
            return Enumerable.Range(0, inputs.Count).Select(i =>
            {
                float[] mean = new float[10];
                for (int v = 0; v < count; v++)
                {
                    for (int c = 0; c < 10; c++)
                    {
                        mean[c] += probabilities[(((i * count) + v) * 10) + c];
                    }
                }

                return Softmax.ArgMax(mean);
            }).ToArray();
        }

        var captured = images.Select(image => (image.Luminance, image.Width, image.Height)).ToArray();
        var mnist = mnistPages.Select(page => (page, Enlarged, Enlarged)).ToArray();
        int[][] predicted = Readings.Select(reading => Predict(reading, captured, mnist: false)).ToArray();
        int[] labels = set.Select(s => s.Digit).ToArray();
        int[] mnistLabels = test.Labels.Take(MnistCount).ToArray();
        int[] all = Enumerable.Range(0, MnistCount).ToArray();
        string[] mnistAccuracy = Readings.Select(reading => PeopleDigitsSurvey.Accuracy(Predict(reading, mnist, mnist: true), mnistLabels, all)).ToArray();

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"| captured digits (seed {Seed}) | images | {string.Join(" | ", Readings.Select(r => r.Name))} |");
        table.AppendLine(CultureInfo.InvariantCulture, $"|---|---:|{string.Concat(Readings.Select(_ => "---:|"))}");
        void Row(string name, Func<CapturedDigit, bool> which)
        {
            int[] chosen = Enumerable.Range(0, set.Count).Where(i => which(set[i])).ToArray();
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {name} | {chosen.Length} | {string.Join(" | ", predicted.Select(p => PeopleDigitsSurvey.Accuracy(p, labels, chosen)))} |");
        }

        Row("all", _ => true);
        foreach (DigitSource source in Enum.GetValues<DigitSource>())
        {
            Row($"source: {source.ToString().ToLowerInvariant()}", s => s.Source == source);
        }

        foreach (int resolution in CapturedDigits.Resolutions)
        {
            Row(resolution == 0 ? "captured at full resolution" : $"captured at {resolution} x {resolution}, enlarged", s => s.Resolution == resolution);
        }

        for (int pen = 0; pen < CapturedDigits.PenShares.Length; pen++)
        {
            int chosenPen = pen;
            Row($"pen {CapturedDigits.PenShares[pen]:0.00} of the height", s => s.Pen == chosenPen);
        }

        foreach (double blur in CapturedDigits.Blurs)
        {
            Row(blur == 0 ? "no blur" : $"blur sigma {blur:0.0} px", s => s.Blur == blur);
        }

        foreach (int quality in CapturedDigits.JpegQualities)
        {
            Row(quality == 0 ? "PNG" : $"JPEG quality {quality}", s => s.JpegQuality == quality);
        }

        Row("even light", s => !s.UnevenLight);
        Row("uneven light", s => s.UnevenLight);
        Row("centred", s => !s.OffCentre);
        Row("off centre", s => s.OffCentre);
        Row("dark on light", s => !s.DarkPage);
        Row("light on dark", s => s.DarkPage);
        Row("coarse (8 or 12) and thick pen", s => s.Resolution is 8 or 12 && s.Pen == 2);
        foreach (int digit in Enumerable.Range(0, 10))
        {
            Row($"digit {digit}", s => s.Digit == digit);
        }

        table.AppendLine(CultureInfo.InvariantCulture,
            $"| MNIST test 0..{MnistCount - 1}, enlarged to {Enlarged} px and re-prepared | {MnistCount} | {string.Join(" | ", mnistAccuracy)} |");
        table.AppendLine();
        for (int r = 0; r < Readings.Length; r++)
        {
            var confusions = Enumerable.Range(0, set.Count).Where(i => predicted[r][i] != labels[i])
                .GroupBy(i => (labels[i], predicted[r][i])).OrderByDescending(g => g.Count()).Take(5)
                .Select(g => $"{g.Key.Item1} read as {g.Key.Item2}: {g.Count()}");
            table.AppendLine(CultureInfo.InvariantCulture, $"Commonest errors, {Readings[r].Name}: {string.Join("; ", confusions)}.");
        }

        log.WriteLine(table.ToString());
        File.WriteAllText(Path.Combine(folder, "captured.md"), table.ToString());
    }

    private static string FileName(int i, CapturedDigit s) => string.Create(CultureInfo.InvariantCulture,
        $"{i:0000}-digit{s.Digit}-{s.Source.ToString().ToLowerInvariant()}-{s.Hand}-res{s.Resolution}-pen{s.Pen}-blur{s.Blur:0.0}{(s.UnevenLight ? "-shadow" : "")}{(s.OffCentre ? "-off" : "")}{(s.DarkPage ? "-dark" : "")}");
}
