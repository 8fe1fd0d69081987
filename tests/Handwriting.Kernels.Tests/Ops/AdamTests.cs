using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary><see cref="Adam"/> against <see cref="AdamReference"/> over consecutive steps, from step 1 where the bias correction is largest.</summary>
public abstract class AdamTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    private const int Steps = 5;

    /// <summary>The whole seed model in one flat buffer: 784 x 128 + 128 + 128 x 10 + 10.</summary>
    private const int SeedModelParameters = 784 * 128 + 128 + 128 * 10 + 10;

    [DeviceTheory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(785)]
    [InlineData(SeedModelParameters)]
    public void Matches_reference_over_consecutive_steps_with_keras_defaults(int count) =>
        AssertMatchesReference(count, new AdamSettings(), RandomArrays.Seed(801, count));

    /// <summary>Every setting away from its default, so a kernel that ignored one would show it.</summary>
    [DeviceFact]
    public void Matches_reference_over_consecutive_steps_with_other_settings() =>
        AssertMatchesReference(33, new AdamSettings(LearningRate: 0.01f, Beta1: 0.8f, Beta2: 0.99f, Epsilon: 1e-4f), 802);

    /// <summary>
    /// AdamW: lr * W = 5% a step, far above the tolerance, so a kernel that skipped the decay,
    /// or decayed by the bias-corrected alpha instead of lr, would fail.
    /// </summary>
    [DeviceTheory]
    [InlineData(33)]
    [InlineData(SeedModelParameters)]
    public void Matches_reference_over_consecutive_steps_with_weight_decay(int count) =>
        AssertMatchesReference(count, new AdamSettings(LearningRate: 0.01f, WeightDecay: 5f), RandomArrays.Seed(803, count));

    [DeviceTheory]
    [InlineData("parameters")]
    [InlineData("gradients")]
    [InlineData("m")]
    [InlineData("v")]
    [InlineData("count")]
    [InlineData("step")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int count = 9;
        using var parameters = NaNs(SizeOf(argument, "parameters", count));
        using var gradients = NaNs(SizeOf(argument, "gradients", count));
        using var m = NaNs(SizeOf(argument, "m", count));
        using var v = NaNs(SizeOf(argument, "v", count));
        AssertRejects(argument, parameters, () => Ops.Adam.Run(
            parameters.View, gradients.View, m.View, v.View, ExtentOf(argument, "count", count), new AdamSettings(), ExtentOf(argument, "step", 1)));
    }

    private void AssertMatchesReference(int count, AdamSettings settings, int seed)
    {
        var random = new Random(seed);
        float[] parameters = RandomArrays.Floats(random, count);
        double[] expectedParameters = RandomArrays.Widen(parameters);
        var expectedM = new double[count];
        var expectedV = new double[count];

        using var deviceParameters = Upload(parameters);
        using var gradients = NaNs(count);
        using var m = Upload(new float[count]);
        using var v = Upload(new float[count]);
        for (int step = 1; step <= Steps; step++)
        {
            float[] g = RandomArrays.Floats(random, count);
            AdamReference.Run(expectedParameters, RandomArrays.Widen(g), expectedM, expectedV, count, settings, step);
            gradients.CopyFromCPU(g);
            Ops.Adam.Run(deviceParameters.View, gradients.View, m.View, v.View, count, settings, step);

            // Parameters move by ~lr per step; float storage of p dominates their error.
            string what = $"Adam ({count}), {settings}, step {step}";
            new Tolerance(1e-6, 1e-6).AssertClose(expectedParameters, Download(deviceParameters), $"{what}: parameters");
            new Tolerance(1e-7, 1e-5).AssertClose(expectedM, Download(m), $"{what}: m");
            new Tolerance(1e-9, 1e-5).AssertClose(expectedV, Download(v), $"{what}: v");
        }
    }
}

[Collection(CpuCollection.Name)]
public sealed class AdamOnCpu(CpuDeviceFixture fixture) : AdamTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class AdamOnCuda(CudaDeviceFixture fixture) : AdamTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class AdamOnOpenCL(OpenCLDeviceFixture fixture) : AdamTests(fixture);
