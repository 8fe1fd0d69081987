using Handwriting.Kernels.Devices;
using Handwriting.Training.Checkpoints;
using Handwriting.Training.Data;
using Handwriting.Training.Model;

namespace Handwriting.Training.Sessions;

/// <summary>What a session is about to train, known once the data is split and the network built.</summary>
/// <param name="Options">The training options (for a resumed run, those it started with).</param>
/// <param name="Device">The device that trains.</param>
/// <param name="Accelerator">Its kind (the one opened, never Auto).</param>
/// <param name="Shape">The network: 784, the hidden widths, 10.</param>
/// <param name="TrainImages">The images trained on: the first (1 - validation split) of the training file, or of its first Limit images.</param>
/// <param name="ValidationImages">The images held out for validation: the rest, as Keras's validation_split holds out the last ones.</param>
/// <param name="TestImages">The test set the trained network is scored on.</param>
/// <param name="ResumeFrom">The checkpoint training continues from; null for a fresh start.</param>
public sealed record TrainingPlan(
    TrainingOptions Options,
    DeviceDescription Device,
    AcceleratorKind Accelerator,
    MlpShape Shape,
    ImageSet TrainImages,
    ImageSet ValidationImages,
    ImageSet TestImages,
    TrainingCheckpoint? ResumeFrom);
