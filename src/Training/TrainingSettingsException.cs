namespace Handwriting.Training;

/// <summary>
/// A training session's settings ask for what cannot be done: a network too large for a model
/// file or the device, a split that leaves no training image, an output folder that is taken.
/// An <see cref="ArgumentException"/>, since the caller's arguments are at fault; `train` reports
/// it as a usage error (exit code 2). The message names the setting, as the command line spells
/// it (for example "--out runs/x: the folder already exists and is not empty").
/// </summary>
public sealed class TrainingSettingsException : ArgumentException
{
    /// <summary>A settings fault with no message of its own.</summary>
    public TrainingSettingsException()
    {
    }

    /// <summary>A settings fault, <paramref name="message"/> naming the setting and what is wrong with it.</summary>
    public TrainingSettingsException(string message)
        : base(message)
    {
    }

    /// <summary>A settings fault found by a check that threw <paramref name="innerException"/>.</summary>
    public TrainingSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Runs <paramref name="check"/>, turning the ArgumentException it throws for an impossible request into a <see cref="TrainingSettingsException"/>.</summary>
    internal static void Translate(Action check)
    {
        try
        {
            check();
        }
        catch (ArgumentException invalid) when (invalid is not TrainingSettingsException)
        {
            throw new TrainingSettingsException(invalid.Message, invalid);
        }
    }
}
