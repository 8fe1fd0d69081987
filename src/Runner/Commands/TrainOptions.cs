using System.CommandLine;
using System.Globalization;
using Handwriting.Kernels;
using Handwriting.Runner.Cli;
using Handwriting.Training;

namespace Handwriting.Runner.Commands;

/// <summary>The options of `train`, defaulting to the seed notebook's settings.</summary>
public sealed class TrainOptions
{
    /// <summary>The seed notebook's options: the defaults shown by --help and used without --preset.</summary>
    private static readonly TrainingOptions Notebook = TrainingPresets.Seed;

    public Option<string> Preset { get; } = new("--preset")
    {
        Description = "Start from a named set of options: seed (the notebook's, the defaults below) or best (784-800-10, 16 augmented epochs of batch 128, cosine decay; what it reaches and how long it takes are in README.md); options given as well override the preset's",
        DefaultValueFactory = _ => "seed",
        HelpName = "seed|best",
    };

    public Option<int> Epochs { get; } = new("--epochs") { Description = "Passes over the training images", DefaultValueFactory = _ => Notebook.Epochs };

    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Images per optimiser step", DefaultValueFactory = _ => Notebook.BatchSize };

    public Option<string> Hidden { get; } = new("--hidden")
    {
        Description = "Hidden layer widths, comma-separated (each Dense + ReLU + Dropout), at most 256 layers; none for no hidden layer",
        DefaultValueFactory = _ => string.Join(',', Notebook.Hidden),
        HelpName = "WIDTHS",
    };

    public Option<float> Dropout { get; } = FloatOption.Create("--dropout", "Dropout rate after each hidden layer", Notebook.DropoutRate);

    public Option<float> LearningRate { get; } = FloatOption.Create("--learning-rate", "Adam's learning rate", Notebook.Adam.LearningRate);

    public Option<string> LearningRateSchedule { get; } = new("--lr-schedule")
    {
        Description = "How the learning rate changes over the run: constant; cosine (to 0 at the end); step (x0.1 at 50% and again at 75% of the steps)",
        DefaultValueFactory = _ => Notebook.Schedule.Name(),
        HelpName = "constant|cosine|step",
    };

    public Option<float> WeightDecay { get; } = FloatOption.Create(
        "--weight-decay",
        "Decoupled weight decay (AdamW): every parameter, biases included, shrinks by learning rate x W per step (lr x W must stay below 1); 0 is plain Adam",
        Notebook.Adam.WeightDecay,
        "W");

    public Option<double> ValidationSplit { get; } = new("--validation-split")
    {
        Description = "Fraction of the training images held out for validation (the last ones, as Keras does)",
        DefaultValueFactory = _ => Notebook.ValidationSplit,
    };

    public Option<bool> Augment { get; } = new("--augment")
    {
        Description = "Distort every training image as its batch is gathered: random shift (+/-2 px), rotation (+/-12 degrees) and scale (0.9-1.1), sampled bilinearly on the device",
    };

    public Option<float> Elastic { get; } = FloatOption.Create(
        "--elastic",
        "Adds an elastic distortion to the augmentation (of --augment or of the preset): a smooth random field displacing pixels by up to P pixels (at most 8)",
        0f,
        "P");

    /// <summary>Given alone, each degradation goes to half the images.</summary>
    public const float DefaultCaptureChance = 0.5f;

    public Option<float> CaptureAugment { get; } = CaptureAugmentOption();

    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the initial weights, the shuffles, the dropout masks and the augmentation's draws", DefaultValueFactory = _ => Notebook.Seed };

    public Option<int?> Limit { get; } = new("--limit") { Description = "Train on the first N training images only (quick runs)", HelpName = "N" };

    public Option<string?> Out { get; } = new("--out") { Description = "Folder for the model, history, metrics and plots (default: runs/<UTC timestamp>)", HelpName = "DIR" };

    public Option<string?> Resume { get; } = new("--resume")
    {
        Description = "Continue the interrupted run in DIR (its checkpoint.bin and resume.json), with the options it was started with",
        HelpName = "DIR",
    };

    /// <summary>The options that set up a run, in --help order: all but --resume, which continues one with the options it was started with.</summary>
    private Option[] RunOptions => [Preset, Epochs, BatchSize, Hidden, Dropout, LearningRate, LearningRateSchedule, WeightDecay, ValidationSplit, Augment, Elastic, CaptureAugment, Seed, Limit, Out];

    public void AddTo(Command command)
    {
        foreach (var option in RunOptions)
        {
            command.Add(option);
        }

        command.Add(Resume);
    }

    /// <summary>
    /// The training options the command line asks for: the preset's, overridden by every option
    /// given explicitly. An out-of-range value is a usage error.
    /// </summary>
    public TrainingOptions Read(ParseResult parse)
    {
        string presetName = parse.GetValue(Preset) ?? "seed";
        if (!TrainingPresets.TryGet(presetName, out var preset))
        {
            throw new UsageException($"--preset: '{presetName}' is not a preset (expected {string.Join(", ", TrainingPresets.Names)})");
        }

        T Given<T>(Option<T> option, T presetValue) => IsGiven(parse, option) ? parse.GetValue(option)! : presetValue;

        var options = preset with
        {
            Epochs = Given(Epochs, preset.Epochs),
            BatchSize = Given(BatchSize, preset.BatchSize),
            Hidden = IsGiven(parse, Hidden) ? ParseWidths(parse.GetValue(Hidden) ?? "") : preset.Hidden,
            DropoutRate = Given(Dropout, preset.DropoutRate),
            Adam = preset.Adam with
            {
                LearningRate = Given(LearningRate, preset.Adam.LearningRate),
                WeightDecay = Given(WeightDecay, preset.Adam.WeightDecay),
            },
            Schedule = IsGiven(parse, LearningRateSchedule) ? ParseSchedule(parse.GetValue(LearningRateSchedule) ?? "") : preset.Schedule,
            ValidationSplit = Given(ValidationSplit, preset.ValidationSplit),
            Seed = Given(Seed, preset.Seed),
            Limit = Given(Limit, preset.Limit),
            Augmentation = ReadAugmentation(parse, preset.Augmentation),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException invalid)
        {
            throw new UsageException(invalid.Message);
        }

        return options;
    }

    /// <summary>
    /// --augment turns on the standard affine ranges, --elastic adds the elastic field to them,
    /// --capture-augment the capture degradations (--capture-augment 0 removes a preset's); without any, the preset's.
    /// </summary>
    private AugmentRanges? ReadAugmentation(ParseResult parse, AugmentRanges? preset)
    {
        var ranges = ReadGeometry(parse, preset);
        if (!IsGiven(parse, CaptureAugment))
        {
            return ranges;
        }

        // Given without a value it is on at the default chance; 0 turns a preset's off.
        float chance = parse.GetResult(CaptureAugment)!.Tokens.Count == 0 ? DefaultCaptureChance : parse.GetValue(CaptureAugment);
        return ranges switch
        {
            { } given => given.WithCapture(chance == 0f ? default : CaptureRanges.Captures.WithChance(chance)),
            null when chance != 0f => throw new UsageException("--capture-augment needs --augment: the capture degradations are added to the affine distortion"),
            null => null,
        };
    }

    private static Option<float> CaptureAugmentOption()
    {
        var option = FloatOption.Create(
            "--capture-augment",
            "Adds degradations of captured digits to the augmentation (of --augment or of the preset), each to a fraction CHANCE of the images (0.5 when no CHANCE is given; 0 turns them off): a coarse capture (7-20 cells across) enlarged back, blur, a thinner or thicker pen",
            0f,
            "CHANCE");
        option.Arity = ArgumentArity.ZeroOrOne;
        return option;
    }

    private AugmentRanges? ReadGeometry(ParseResult parse, AugmentRanges? preset)
    {
        bool augmentGiven = IsGiven(parse, Augment);
        bool elasticGiven = IsGiven(parse, Elastic);
        // An explicit --augment keeps a preset's own ranges where it has them; --augment false drops them.
        var ranges = augmentGiven ? (parse.GetValue(Augment) ? preset ?? AugmentRanges.Affine : null) : preset;
        if (!elasticGiven)
        {
            return ranges;
        }

        // Its range is checked with the other options' (TrainingOptions.Validate).
        return ranges is { } given
            ? given.WithElastic(parse.GetValue(Elastic))
            : throw new UsageException("--elastic needs --augment: the elastic field is added to the affine distortion");
    }

    /// <summary>With --resume the options come from the run's resume.json: giving any of them too is a usage error.</summary>
    public void RefuseTrainingOptions(ParseResult parse)
    {
        foreach (var option in RunOptions)
        {
            if (IsGiven(parse, option))
            {
                throw new UsageException($"{option.Name} cannot be given with --resume: the run continues with the options it was started with");
            }
        }
    }

    /// <summary>Whether the command line names the option (a default value does not count).</summary>
    private static bool IsGiven(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static LearningRateSchedule ParseSchedule(string text) =>
        LearningRateSchedules.TryParse(text, out var schedule)
            ? schedule
            : throw new UsageException($"--lr-schedule: '{text}' is not a schedule (expected {string.Join(", ", LearningRateSchedules.Names)})");

    /// <summary>"128" or "1024,1024"; "none" for no hidden layer (an empty value is refused: it is more often a slip than a wish).</summary>
    private static int[] ParseWidths(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException("--hidden: no width given (expected e.g. 128 or 1024,1024, or none for no hidden layer)");
        }

        if (text.Trim() == "none")
        {
            return [];
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out widths[i]) || widths[i] < 1)
            {
                throw new UsageException($"--hidden: '{parts[i]}' is not a positive layer width (expected e.g. 128 or 1024,1024)");
            }
        }

        return widths;
    }
}
