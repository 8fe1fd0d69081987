using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using Handwriting.Kernels.Tests.Simd;
using Handwriting.Kernels.Simd;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature of <see cref="SoftmaxCrossEntropy.Run"/>, shared by its CPU-only variant.</summary>
public delegate void SoftmaxCrossEntropyRun(ArrayView<float> logits, ArrayView<int> labels, ArrayView<float> losses, ArrayView<float> correct, ArrayView<float> dlogits, int rows, int classes);

/// <summary>
/// What every softmax cross-entropy kernel must do: match <see cref="SoftmaxCrossEntropyReference"/>
/// per row in the loss, whether the first argmax is the label, and the gradient of the mean loss;
/// and refuse wrong shapes before launching.
/// </summary>
public abstract class SoftmaxCrossEntropyContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>exp and log in float: a few ulps, relative to the loss or the probability.</summary>
    private static readonly Tolerance Losses = new(1e-5, 1e-5);

    /// <summary>Runs <paramref name="run"/> on logits drawn from the shape, asserts it matches the reference, and returns losses, correct and dlogits end to end (the same inputs for the same arguments).</summary>
    protected float[] AssertMatchesReference(SoftmaxCrossEntropyRun run, string name, int rows, int classes, float spread)
    {
        var random = new Random(RandomArrays.Seed(701, rows, classes, (int)spread));
        float[] logits = RandomArrays.Floats(random, (long)rows * classes, -spread, spread);
        int[] labels = RandomArrays.Ints(random, rows, classes);
        var expectedLosses = new double[rows];
        var expectedCorrect = new double[rows];
        var expectedDlogits = new double[(long)rows * classes];
        SoftmaxCrossEntropyReference.Run(RandomArrays.Widen(logits), labels, expectedLosses, expectedCorrect, expectedDlogits, rows, classes);

        using var deviceLogits = Upload(logits);
        using var deviceLabels = Upload(labels);
        using var losses = NaNs(rows);
        using var correct = NaNs(rows);
        using var dlogits = NaNs((long)rows * classes);
        run(deviceLogits.View, deviceLabels.View, losses.View, correct.View, dlogits.View, rows, classes);

        string what = $"{name} ({rows}, {classes}), logits in +-{spread}";
        float[] outputs = [.. Download(losses), .. Download(correct), .. Download(dlogits)];
        Losses.AssertClose(expectedLosses, outputs.AsSpan(0, rows), $"{what}: losses");
        Tolerance.Exact.AssertClose(expectedCorrect, outputs.AsSpan(rows, rows), $"{what}: correct");

        // Each gradient is a probability (minus one at the label) over Rows.
        new Tolerance(1e-6 / rows, 1e-5).AssertClose(expectedDlogits, outputs.AsSpan(2 * rows), $"{what}: dlogits");
        return outputs;
    }

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

/// <summary><see cref="SoftmaxCrossEntropy"/> against <see cref="SoftmaxCrossEntropyReference"/>.</summary>
public abstract class SoftmaxCrossEntropyTests(DeviceFixture fixture) : SoftmaxCrossEntropyContract(fixture)
{
    /// <summary>Rows and classes from one to 785, and logits spread wide enough that a naive exp overflows; also the CPU-only variant's cases.</summary>
    public static TheoryData<int, int, float> Cases => new()
    {
        { 1, 1, 8f },
        { 1, 10, 8f },
        { 7, 33, 8f },
        { 33, 7, 8f },
        { 32, 10, 8f },
        { 785, 10, 8f },
        { 7, 785, 8f },
        { 33, 10, 1000f },
    };

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference(int rows, int classes, float spread) =>
        AssertMatchesReference(Ops.SoftmaxCrossEntropy.Run, "SoftmaxCrossEntropy", rows, classes, spread);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(SoftmaxCrossEntropyContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.SoftmaxCrossEntropy.Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class SoftmaxCrossEntropyOnCpu(CpuDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);

/// <summary>The portable kernel on the CPU accelerator, where the launcher would otherwise run the CPU-only variant.</summary>
[Collection(PortableCpuCollection.Name)]
public sealed class SoftmaxCrossEntropyPortableOnCpu(PortableCpuDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class SoftmaxCrossEntropyOnCuda(CudaDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class SoftmaxCrossEntropyOnOpenCL(OpenCLDeviceFixture fixture) : SoftmaxCrossEntropyTests(fixture);

/// <summary>
/// SoftmaxCrossEntropy's SIMD variant (CPU-only; its body is scalar, the width only names the
/// launch) at every width this machine accelerates: against the reference on
/// <see cref="SoftmaxCrossEntropyTests.Cases"/>, and bit for bit against the portable kernel.
/// </summary>
[Collection(PortableCpuCollection.Name)]
public sealed class SoftmaxCrossEntropySimdOnCpu(PortableCpuDeviceFixture fixture) : SoftmaxCrossEntropyContract(fixture)
{
    public static IEnumerable<object[]> Cases => AcceleratedWidths.Times(SoftmaxCrossEntropyTests.Cases);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(int rows, int classes, float spread, SimdWidth width)
    {
        float[] simd = AssertMatchesReference(Simd(width), $"SoftmaxCrossEntropySimd {width}", rows, classes, spread);
        float[] portable = AssertMatchesReference(Ops.SoftmaxCrossEntropy.Run, "SoftmaxCrossEntropy", rows, classes, spread);
        SameBits.Assert(portable, simd, $"SoftmaxCrossEntropySimd {width} against SoftmaxCrossEntropy ({rows}, {classes}), logits in +-{spread}: losses, correct, dlogits");
    }

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(SoftmaxCrossEntropyContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Simd(SimdWidths.Widest), argument);

    private SoftmaxCrossEntropyRun Simd(SimdWidth width) =>
        Ops.Variant<SoftmaxCrossEntropy>(KernelVariants.Of(width)).Run;
}
