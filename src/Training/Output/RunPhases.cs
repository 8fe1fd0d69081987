namespace Handwriting.Training.Output;

/// <summary>
/// metrics.json's "phases": where the seconds of a `train` process went, in the order they
/// come. Compilation is counted apart from the phase it happened in (ops load on first use,
/// mostly inside the training loop). What comes after metrics.json is written (the move of the
/// files into the run folder, the process exit) is not here: a caller that timed the whole
/// process, such as `handwriting bench`, sees it as the difference to its own clock.
/// </summary>
/// <param name="Startup">Process start to Main: the runtime starting and loading the program; null where the start time is unknown (an in-process call).</param>
/// <param name="Setup">Main to the device open, MNIST reading left out: options, the run folder, opening the accelerator.</param>
/// <param name="Compilation">Loading (compiling) kernels, wherever it happened.</param>
/// <param name="Data">Reading MNIST, uploading the image sets to the device and building the trainer.</param>
/// <param name="Training">The training loop: every epoch's training steps, validation and compilation left out.</param>
/// <param name="Validation">The validation pass after every epoch.</param>
/// <param name="Test">Scoring the test set.</param>
/// <param name="Plots">Drawing and saving the PNGs.</param>
/// <param name="Files">Writing model.bin and history.json.</param>
public sealed record RunPhases(
    double? Startup,
    double Setup,
    double Compilation,
    double Data,
    double Training,
    double Validation,
    double Test,
    double Plots,
    double Files)
{
    /// <summary>The sum of the phases: the process's life up to the writing of metrics.json.</summary>
    public double Total => (Startup ?? 0) + Setup + Compilation + Data + Training + Validation + Test + Plots + Files;
}
