using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The scalars of one launch of the fused CPU training step: the rows of each step's batch, the
/// layer count of the table, how many steps the launch takes one after the other, dropout's rate
/// and the step the first step's mask is drawn for (step s draws for DrawStep + s), and the
/// launch's threads (the vector width is the kernel's type arguments). Adam's settings differ from
/// step to step (bias correction, the schedule), so they come one per step in a view of their own.
/// </summary>
public readonly record struct StepSettings(int Rows, int Layers, int Steps, float DropoutRate, uint DrawStep, SimdLaunch Launch);
