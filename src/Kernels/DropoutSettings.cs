namespace Handwriting.Kernels;

/// <summary>
/// The dropout rate and the counters its mask is drawn from: element i of a layer's output is kept
/// when <see cref="DropoutMask.Keep"/>(Seed, Step, i, Rate), and scaled by 1 / (1 - Rate).
/// </summary>
public readonly record struct DropoutSettings(float Rate, uint Seed, uint Step);
