using Handwriting.Kernels.Checks.Cases;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature every SoftmaxCrossEntropy variant shares: <see cref="SoftmaxCrossEntropy.Run"/>.</summary>
public delegate void SoftmaxCrossEntropyRun(ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> dlogits, int rows, int classes);

/// <summary>What every SoftmaxCrossEntropy variant must refuse: a wrong shape, before launching.</summary>
public abstract class SoftmaxCrossEntropyContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Every argument a wrong shape can be given in.</summary>
    public static TheoryData<string> Arguments => new() { "logits", "labels", "losses", "correct", "dlogits", "rows", "classes" };

    protected void AssertRejectsWrongShape(SoftmaxCrossEntropyRun run, string argument)
    {
        const int rows = 5, classes = 3;
        using var logits = NaNs(SizeOf(argument, "logits", rows * classes));
        using var labels = Upload(new int[SizeOf(argument, "labels", rows)]);
        using var losses = NaNs(SizeOf(argument, "losses", rows));
        using var correct = NaNs(SizeOf(argument, "correct", rows));
        using var dlogits = NaNs(SizeOf(argument, "dlogits", rows * classes));
        AssertRejects(argument, dlogits, () => run(
            logits.View, labels.View, losses.View, correct.View, dlogits.View, ExtentOf(argument, "rows", rows), ExtentOf(argument, "classes", classes)));
    }
}

/// <summary>
/// The portable kernel on every backend against the reference at the catalog's shapes
/// (<see cref="SoftmaxCrossEntropyCases"/>, what `handwriting check` runs): per-row losses,
/// whether the first argmax is the label, and the gradient of the mean loss.
/// </summary>
public abstract class SoftmaxCrossEntropyTests(DeviceFixture fixture) : SoftmaxCrossEntropyContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Of(SoftmaxCrossEntropyCases.Op, KernelVariant.Portable);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(string name) => AssertPasses(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(SoftmaxCrossEntropyContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<SoftmaxCrossEntropy>(KernelVariant.Portable).Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class SoftmaxCrossEntropyOnCpu(CpuDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class SoftmaxCrossEntropyOnCuda(CudaDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class SoftmaxCrossEntropyOnOpenCL(OpenCLDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);

/// <summary>
/// The CPU-only variants (their body is scalar, the width only names the launch) at every width
/// this machine accelerates: against the reference, and bit for bit against the portable kernel.
/// </summary>
[Collection(CpuCollection.Name)]
public sealed class SoftmaxCrossEntropySimdOnCpu(CpuDeviceFixture fixture) : SoftmaxCrossEntropyContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Simd(SoftmaxCrossEntropyCases.Op);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(string name) => AssertPassesWithThePortableBits(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(SoftmaxCrossEntropyContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<SoftmaxCrossEntropy>(KernelVariants.Of(SimdWidths.Widest)).Run, argument);
}
