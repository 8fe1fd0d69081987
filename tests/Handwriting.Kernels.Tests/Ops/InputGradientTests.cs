using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using Handwriting.Kernels.Tests.Simd;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature of <see cref="InputGradient.Run"/>, shared by its CPU-only variant.</summary>
public delegate void InputGradientRun(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, int m, int k, int n, float dropoutRate);

/// <summary>What every input-gradient kernel must do: match the reference, and refuse wrong shapes before launching.</summary>
public abstract class InputGradientContract(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Runs <paramref name="run"/> on inputs drawn from the shape, asserts it matches the reference, and returns dz (the same inputs for the same arguments).</summary>
    protected float[] AssertMatchesReference(InputGradientRun run, string name, int m, int k, int n, float rate)
    {
        var random = new Random(RandomArrays.Seed(1301, m, k, n, (int)(rate * 100)));
        float[] dy = RandomArrays.Floats(random, (long)m * k);
        float[] w = RandomArrays.Floats(random, (long)n * k);
        double[] relu = RandomArrays.Widen(RandomArrays.Floats(random, (long)m * n)).Select(v => Math.Max(0, v)).ToArray();
        const uint seed = 5;
        const uint step = 11;
        double[] y = relu;
        if (rate > 0f)
        {
            y = new double[relu.Length];
            DropoutReference.Forward(relu, y, relu.Length, rate, seed, step);
        }

        var expected = new double[(long)m * n];
        InputGradientReference.Run(RandomArrays.Widen(dy), RandomArrays.Widen(w), y, expected, m, k, n, rate);

        using var deviceDy = Upload(dy);
        using var deviceW = Upload(w);
        using var deviceY = Upload(y.Select(v => (float)v).ToArray());
        using var dz = NaNs((long)m * n);
        run(deviceDy.View, deviceW.View, deviceY.View, dz.View, m, k, n, rate);

        float[] output = Download(dz);
        MatMulTolerance.For(k).AssertClose(expected, output, $"{name} ({m}x{k}) . ({n}x{k})^T through dropout {rate} and ReLU");
        return output;
    }

    /// <summary>Every argument a wrong shape can be given in.</summary>
    public static TheoryData<string> Arguments => new() { "dy", "w", "y", "dz" };

    protected void AssertRejectsWrongShape(InputGradientRun run, string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var dy = NaNs(SizeOf(argument, "dy", m * k));
        using var w = NaNs(SizeOf(argument, "w", n * k));
        using var y = NaNs(SizeOf(argument, "y", m * n));
        using var dz = NaNs(SizeOf(argument, "dz", m * n));
        AssertRejects(argument, dz, () => run(dy.View, w.View, y.View, dz.View, m, k, n, 0.2f));
    }
}

/// <summary>
/// <see cref="InputGradient"/> against <see cref="InputGradientReference"/>. The layer's
/// forward output y (what the kernel takes as its mask) is built the way the forward pass builds it:
/// dropout of a ReLU output, so it is positive exactly where ReLU passed and dropout kept.
/// </summary>
public abstract class InputGradientTests(DeviceFixture fixture) : InputGradientContract(fixture)
{
    /// <summary>The seed model's hidden layer, odd extents, a single element; also the CPU-only variant's cases.</summary>
    public static TheoryData<int, int, int, float> Cases => new()
    {
        { 32, 10, 128, 0.2f },
        { 32, 10, 128, 0f },
        { 7, 24, 48, 0.5f },
        { 1, 1, 1, 0.2f },
        { 33, 5, 7, 0f },
        { 13, 7, 37, 0.5f },
    };

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_transposed_matmul_dropout_relu_reference(int m, int k, int n, float rate) =>
        AssertMatchesReference(Ops.InputGradient.Run, "InputGradient", m, k, n, rate);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(InputGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Ops.InputGradient.Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class InputGradientOnCpu(CpuDeviceFixture fixture) : InputGradientTests(fixture);

/// <summary>The portable kernel on the CPU accelerator, where the launcher would otherwise run the SIMD variant.</summary>
[Collection(PortableCpuCollection.Name)]
public sealed class InputGradientPortableOnCpu(PortableCpuDeviceFixture fixture) : InputGradientTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class InputGradientOnCuda(CudaDeviceFixture fixture) : InputGradientTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class InputGradientOnOpenCL(OpenCLDeviceFixture fixture) : InputGradientTests(fixture);

/// <summary>
/// InputGradient's SIMD variant (CPU-only) at every width this machine accelerates: against the
/// reference on <see cref="InputGradientTests.Cases"/>, and bit for bit against the portable kernel.
/// </summary>
[Collection(PortableCpuCollection.Name)]
public sealed class InputGradientSimdOnCpu(PortableCpuDeviceFixture fixture) : InputGradientContract(fixture)
{
    public static IEnumerable<object[]> Cases => AcceleratedWidths.Times(InputGradientTests.Cases);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(int m, int k, int n, float rate, SimdWidth width)
    {
        float[] simd = AssertMatchesReference(Simd(width), $"InputGradientSimd {width}", m, k, n, rate);
        float[] portable = AssertMatchesReference(Ops.InputGradient.Run, "InputGradient", m, k, n, rate);
        SameBits.Assert(portable, simd, $"InputGradientSimd {width} against InputGradient ({m}x{k}) . ({n}x{k})^T, dropout {rate}");
    }

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(InputGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Simd(SimdWidths.Widest), argument);

    private InputGradientRun Simd(SimdWidth width) =>
        Ops.Variant<InputGradient>(KernelVariants.Of(width)).Run;
}
