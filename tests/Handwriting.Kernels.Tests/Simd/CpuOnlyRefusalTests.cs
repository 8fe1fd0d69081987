using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Simd;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Portability;

namespace Handwriting.Kernels.Tests.Simd;

/// <summary>
/// A GPU never loads a CPU-only kernel: on any accelerator but the CPU, every SIMD variant refuses
/// to load (naming its op), the rule chooses none, a device cannot be opened with one forced, and
/// the ops run their portable or tiled kernels.
/// Runs on OpenCL where present (CI installs PoCL) and on CUDA.
/// </summary>
public abstract class CpuOnlyRefusalTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>Each CPU-only variant by the name of the type that declares its kernel, loaded at a width.</summary>
    private static readonly Dictionary<string, Func<DeviceOps, KernelVariant, object>> CpuOnlyOps = new()
    {
        ["DenseForwardSimd"] = (ops, variant) => ops.Variant<DenseForward>(variant),
        ["WeightGradientSimd"] = (ops, variant) => ops.Variant<WeightGradient>(variant),
        ["InputGradientSimd"] = (ops, variant) => ops.Variant<InputGradient>(variant),
        ["SoftmaxCrossEntropySimd"] = (ops, variant) => ops.Variant<SoftmaxCrossEntropy>(variant),
        ["AdamSimd"] = (ops, variant) => ops.Variant<Adam>(variant),
        ["PixelBatchSimd"] = (ops, variant) => ops.Variant<PixelBatch>(variant),
        [nameof(CpuTrainingStep)] = (ops, variant) => ops.Variant<CpuTrainingStep>(variant),
    };

    public static TheoryData<string> Names() => [.. CpuOnlyOps.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_cpu_only_kernel_of_the_catalog_is_checked() =>
        Assert.Equal(
            KernelCatalog.CpuOnly.Values.Select(kernel => kernel.DeclaringType!.Name).Order(StringComparer.Ordinal),
            CpuOnlyOps.Keys.Order(StringComparer.Ordinal));

    [DeviceTheory]
    [MemberData(nameof(Names))]
    public void A_cpu_only_variant_refuses_to_load(string op)
    {
        foreach (var width in Enum.GetValues<SimdWidth>())
        {
            var error = Assert.Throws<KernelVariantException>(() => CpuOnlyOps[op](Ops, KernelVariants.Of(width)));
            Assert.Contains(op.Replace("Simd", "", StringComparison.Ordinal), error.Message, StringComparison.Ordinal);
            Assert.Contains("CPU-only", error.Message, StringComparison.Ordinal);
        }
    }

    [DeviceFact]
    public void The_rule_chooses_no_simd_variant_and_none_can_be_forced()
    {
        Assert.Null(Ops.Forced);
        Assert.Null(Ops.ChosenVariant<CpuTrainingStep>());
        Assert.Throws<KernelVariantException>(() => Ops.CpuTrainingStep);
        Assert.All(new[] { Ops.PixelBatch.Variant, Ops.DenseForward.Variant, Ops.WeightGradient.Variant, Ops.InputGradient.Variant, Ops.SoftmaxCrossEntropy.Variant, Ops.Adam.Variant }, variant => Assert.False(variant.IsSimd()));
        var error = Assert.Throws<KernelVariantException>(() => ComputeDevice.Open(Device.Kind, KernelVariant.Simd128));
        Assert.Contains("CPU-only", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every op that has a CPU-only variant, once, on a tiny shape: each runs the portable or tiled kernel the rule gave it.</summary>
    [DeviceFact]
    public void The_launchers_run_their_portable_kernels()
    {
        const int m = 3, k = 5, n = 4;
        using var pixels = Upload(new byte[m * k]);
        using var a = NaNs(m * k);
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

        Ops.PixelBatch.Run(pixels.View, default, a.View, m, k);
        Ops.DenseForward.Run(a.View, default, w.View, bias.View, y.View, m, k, n, Activation.Relu, default);
        Ops.SoftmaxCrossEntropy.Run(y.View, labels.View, losses.View, correct.View, dlogits.View, m, n);
        Ops.WeightGradient.Run(a.View, default, dlogits.View, gradient.View, m, k, n);
        Ops.InputGradient.Run(dlogits.View, w.View, a.View, dz.View, m, n, k, 0f);
        Ops.Adam.Run(parameters.View, gradient.View, first.View, second.View, (k + 1) * n, new AdamSettings(), 1);

        // Zero inputs: zero outputs, uniform probabilities, log(n) losses.
        Assert.All(Download(a), value => Assert.Equal(0f, value));
        Assert.All(Download(y), value => Assert.Equal(0f, value));
        Assert.All(Download(losses), loss => Assert.Equal(MathF.Log(n), loss, 1e-5f));
        Assert.All(Download(dz), value => Assert.Equal(0f, value));
    }
}

[Collection(OpenCLCollection.Name)]
public sealed class CpuOnlyRefusedOnOpenCL(OpenCLDeviceFixture fixture) : CpuOnlyRefusalTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class CpuOnlyRefusedOnCuda(CudaDeviceFixture fixture) : CpuOnlyRefusalTests(fixture);
