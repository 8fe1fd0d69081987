using Handwriting.Kernels.Devices;

namespace Handwriting.Kernels.Checks;

/// <summary>
/// An op's cases: every variant the op has (<see cref="IDeviceOp{TSelf}.Variants"/>) at every one
/// of its shapes, each launched through that variant alone (<see cref="CheckTarget.Op{T}"/>). The
/// inputs are drawn from the op and the shape, not the variant, so every variant of a shape sees the
/// same inputs and their outputs can be held to each other bit for bit.
/// </summary>
public static class OpCases
{
    /// <summary>
    /// <paramref name="check"/> draws a shape's inputs from the generator it is given, launches the
    /// op on the device and returns each output beside the reference's. <paramref name="large"/>
    /// marks the shapes the tile variant runs on GPUs only (<see cref="CheckCase.LeftToGpus"/>).
    /// </summary>
    public static IEnumerable<CheckCase> Of<TOp, TShape>(
        string op,
        IReadOnlyList<TShape> shapes,
        Func<TShape, Random, ComputeDevice, TOp, IReadOnlyList<CheckOutput>> check,
        Func<TShape, bool>? large = null)
        where TOp : class, IDeviceOp<TOp>
        where TShape : notnull =>
        from variant in TOp.Variants
        from shape in shapes
        let name = shape.ToString()!
        select new CheckCase(
            op,
            variant.Name(),
            name,
            target => check(shape, CheckInputs.For($"{op} {name}"), target.DeviceFor(variant), target.Op<TOp>(variant)),
            target => target.CannotRun<TOp>(variant))
        {
            Kernel = variant,
            LeftToGpus = variant == KernelVariant.Tiled && (large?.Invoke(shape) ?? false),
        };
}
