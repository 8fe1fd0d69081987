using Handwriting.Training.Output;

namespace Handwriting.Training.Sessions;

/// <summary>What <see cref="TrainingSession.Run"/> returns: the outcome, where the time went and where the files are.</summary>
/// <param name="Outcome">The trained model, its history and its test scores.</param>
/// <param name="Phases">Where the run's seconds went, as metrics.json records them.</param>
/// <param name="OutputFolder">The run folder (a full path) holding the files; null when the settings asked for none.</param>
/// <param name="Files">The files in <see cref="OutputFolder"/> (full paths): model.bin, history.json, metrics.json and those the observer added; empty without one.</param>
public sealed record TrainingReport(
    TrainingOutcome Outcome,
    RunPhases Phases,
    string? OutputFolder,
    IReadOnlyList<string> Files);
