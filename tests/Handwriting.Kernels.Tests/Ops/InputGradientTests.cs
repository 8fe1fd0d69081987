using Handwriting.Kernels.Checks.Cases;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary>The signature every InputGradient variant shares: <see cref="InputGradient.Run"/>.</summary>
public delegate void InputGradientRun(ArrayView<float> dy, ArrayView<float> w, ArrayView<float> y, ArrayView<float> dz, int m, int k, int n, float dropoutRate);

/// <summary>What every InputGradient variant must refuse: a wrong shape, before launching.</summary>
public abstract class InputGradientContract(DeviceFixture fixture) : DeviceTests(fixture)
{
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
/// The portable kernel on every backend against the reference at the catalog's shapes
/// (<see cref="InputGradientCases"/>, what `handwriting check` runs).
/// </summary>
public abstract class InputGradientTests(DeviceFixture fixture) : InputGradientContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Of(InputGradientCases.Op, KernelVariant.Portable);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_transposed_matmul_dropout_relu_reference(string name) => AssertPasses(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(InputGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<InputGradient>(KernelVariant.Portable).Run, argument);
}

[Collection(CpuCollection.Name)]
public sealed class InputGradientOnCpu(CpuDeviceFixture fixture) : InputGradientTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class InputGradientOnCuda(CudaDeviceFixture fixture) : InputGradientTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class InputGradientOnOpenCL(OpenCLDeviceFixture fixture) : InputGradientTests(fixture);

/// <summary>The CPU-only SIMD variants at every width this machine accelerates: against the reference, and bit for bit against the portable kernel.</summary>
[Collection(CpuCollection.Name)]
public sealed class InputGradientSimdOnCpu(CpuDeviceFixture fixture) : InputGradientContract(fixture)
{
    public static TheoryData<string> Cases => CatalogCases.Simd(InputGradientCases.Op);

    [DeviceTheory]
    [MemberData(nameof(Cases))]
    public void Matches_reference_and_the_portable_kernel_bit_for_bit(string name) => AssertPassesWithThePortableBits(name);

    [DeviceTheory]
    [MemberData(nameof(Arguments), MemberType = typeof(InputGradientContract))]
    public void Rejects_a_wrong_shape_before_launching(string argument) =>
        AssertRejectsWrongShape(Target.Op<InputGradient>(KernelVariants.Of(SimdWidths.Widest)).Run, argument);
}
