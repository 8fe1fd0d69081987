namespace Handwriting.Training.Sessions;

/// <summary>How a session claims its <see cref="SessionSettings.OutputFolder"/> (see <see cref="Output.RunFolder"/>).</summary>
public enum OutputFolderClaim
{
    /// <summary>A new run: the folder must not exist, or be empty; else the session refuses to start.</summary>
    New,

    /// <summary>A new run under a default name: when NAME is taken, NAME-2, NAME-3, ... instead of a refusal.</summary>
    NumberedIfTaken,

    /// <summary>The folder of an interrupted run, holding only checkpoint.bin and resume.json, to finish it there.</summary>
    Interrupted,
}
