using Handwriting.Kernels.Devices;

namespace Handwriting.Benchmarks.Setup;

/// <summary>
/// The accelerators a benchmark method runs on, where that is not every one present. An op's
/// variants are not all at home everywhere: the blocked kernel is what an op launches on the CPU
/// accelerator only (on a GPU the op launches its tiles), and a tile kernel needs groups of a
/// tile's threads, which only GPUs have here (the tests run the tiles on a CPU accelerator with
/// tile-sized groups, but one invocation at the benchmark shapes takes tens of seconds there).
/// <see cref="RunsOnFilter"/> leaves out the other cases, so that no row claims a variant that did
/// not run, and the program names a method that ran nowhere.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RunsOnAttribute(params AcceleratorKind[] accelerators) : Attribute
{
    public IReadOnlyList<AcceleratorKind> Accelerators { get; } = accelerators;
}
