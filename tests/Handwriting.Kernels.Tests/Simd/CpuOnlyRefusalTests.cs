using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Portability;

namespace Handwriting.Kernels.Tests.Simd;

/// <summary>
/// A GPU never loads a CPU-only kernel: on any accelerator but the CPU, each CPU-only op refuses
/// to load (naming itself), <see cref="DeviceOps.Simd"/> is null and cannot be set, and the
/// portable launchers run, which proves they loaded no CPU-only op (loading one would throw).
/// Runs on OpenCL where present (CI installs PoCL) and on CUDA.
/// </summary>
public abstract class CpuOnlyRefusalTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Each CPU-only op by the name of the type that declares its kernel.</summary>
    private static readonly Dictionary<string, Func<DeviceOps, object>> CpuOnlyOps = new()
    {
        [nameof(DenseForwardSimd)] = ops => ops.DenseForwardSimd,
        [nameof(WeightGradientSimd)] = ops => ops.WeightGradientSimd,
        [nameof(InputGradientSimd)] = ops => ops.InputGradientSimd,
        [nameof(SoftmaxCrossEntropySimd)] = ops => ops.SoftmaxCrossEntropySimd,
        [nameof(AdamSimd)] = ops => ops.AdamSimd,
        [nameof(CpuTrainingStep)] = ops => ops.CpuTrainingStep,
    };

    public static TheoryData<string> Names() => [.. CpuOnlyOps.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_cpu_only_kernel_of_the_catalog_is_checked() =>
        Assert.Equal(
            KernelCatalog.CpuOnly.Values.Select(kernel => kernel.DeclaringType!.Name).Order(StringComparer.Ordinal),
            CpuOnlyOps.Keys.Order(StringComparer.Ordinal));

    [DeviceTheory]
    [MemberData(nameof(Names))]
    public void A_cpu_only_op_refuses_to_load(string op)
    {
        var error = Assert.Throws<NotSupportedException>(() => CpuOnlyOps[op](Ops));
        Assert.Contains(op, error.Message, StringComparison.Ordinal);
        Assert.Contains("CPU-only", error.Message, StringComparison.Ordinal);
    }

    [DeviceFact]
    public void No_simd_width_is_chosen_and_none_can_be_set()
    {
        Assert.Null(Ops.Simd);
        Assert.All(Enum.GetValues<SimdWidth>(), width => Assert.Throws<NotSupportedException>(() => Ops.Simd = width));
        Assert.Null(Ops.Simd);
    }

    /// <summary>Every launcher that has a CPU-only variant, once, on a tiny shape: each runs its portable kernel.</summary>
    [DeviceFact]
    public void The_launchers_run_their_portable_kernels()
    {
        const int m = 3, k = 5, n = 4;
        using var a = Upload(new float[m * k]);
        using var w = Upload(new float[k * n]);
        using var bias = Upload(new float[n]);
        using var y = NaNs(m * n);
        using var gradient = NaNs((k + 1) * n);
        using var dz = NaNs(m * k);
        using var labels = Upload(new int[m]);
        using var losses = NaNs(m);
        using var correct = NaNs(m);
        using var dlogits = NaNs(m * n);
        using var parameters = Upload(new float[(k + 1) * n]);
        using var first = Upload(new float[(k + 1) * n]);
        using var second = Upload(new float[(k + 1) * n]);

        Ops.DenseForward.Run(a.View, default, w.View, bias.View, y.View, m, k, n, Activation.Relu, default);
        Ops.SoftmaxCrossEntropy.Run(y.View, labels.View, losses.View, correct.View, dlogits.View, m, n);
        Ops.WeightGradient.Run(a.View, default, dlogits.View, gradient.View, m, k, n);
        Ops.InputGradient.Run(dlogits.View, w.View, a.View, dz.View, m, n, k, 0f);
        Ops.Adam.Run(parameters.View, gradient.View, first.View, second.View, (k + 1) * n, new AdamSettings(), 1);

        // Zero inputs: zero outputs, uniform probabilities, log(n) losses.
        Assert.All(Download(y), value => Assert.Equal(0f, value));
        Assert.All(Download(losses), loss => Assert.Equal(MathF.Log(n), loss, 1e-5f));
        Assert.All(Download(dz), value => Assert.Equal(0f, value));
    }
}

[Collection(OpenCLCollection.Name)]
public sealed class CpuOnlyRefusedOnOpenCL(OpenCLDeviceFixture fixture) : CpuOnlyRefusalTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class CpuOnlyRefusedOnCuda(CudaDeviceFixture fixture) : CpuOnlyRefusalTests(fixture);
