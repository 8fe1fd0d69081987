using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels;

/// <summary>
/// The scalars of one fused CPU training step: the batch's rows, the layer count of the table,
/// dropout's rate and the step its mask is drawn for, Adam's settings for this step (bias
/// correction included), and the launch's threads (the vector width is the kernel's type arguments).
/// </summary>
public readonly record struct StepSettings(int Rows, int Layers, float DropoutRate, uint DrawStep, AdamStep Adam, SimdLaunch Launch);
