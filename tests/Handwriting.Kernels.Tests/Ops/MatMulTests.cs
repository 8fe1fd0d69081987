using Handwriting.Kernels.Reference;
using Handwriting.Kernels.Tests.Devices;
using Handwriting.Kernels.Tests.Numerics;
using ILGPU;

namespace Handwriting.Kernels.Tests.Ops;

/// <summary><see cref="MatMul"/> against <see cref="MatMulReference"/>: C = activation(A . B + bias), a (M, K), b (K, N), c (M, N).</summary>
public abstract class MatMulTests(DeviceFixture fixture) : DeviceTests(fixture)
{
    /// <summary>The test-set case's float64 reference takes seconds: computed once, whatever the number of backends.</summary>
    private static readonly Lazy<MatMulCase> TestSet = new(() => MatMulCase.Draw(10000, 784, 128, Activation.Relu, withBias: true, seed: 103, pixels: true));

    /// <summary>Extents of 1, 7, 33 and 785 in every position: none a multiple of the kernel's 4x4 block, so every edge path runs.</summary>
    public static TheoryData<int, int, int, Activation, bool> OddShapes()
    {
        int[][] shapes =
        [
            [1, 1, 1], [1, 785, 1], [7, 1, 33], [33, 7, 1], [1, 33, 785],
            [785, 7, 1], [7, 33, 785], [785, 33, 7], [33, 785, 7],
        ];
        var data = new TheoryData<int, int, int, Activation, bool>();
        foreach (var s in shapes)
        {
            foreach (var activation in new[] { Activation.None, Activation.Relu })
            {
                data.Add(s[0], s[1], s[2], activation, false);
                data.Add(s[0], s[1], s[2], activation, true);
            }
        }

        return data;
    }

    [DeviceTheory]
    [MemberData(nameof(OddShapes))]
    public void Matches_reference_at_odd_sizes(int m, int k, int n, Activation activation, bool withBias) =>
        AssertMatchesReference(MatMulCase.Draw(m, k, n, activation, withBias, RandomArrays.Seed(101, m, k, n, (int)activation, withBias ? 1 : 0)));

    /// <summary>The hidden and output layers at batch 32, and whole blocks only (8 x 12).</summary>
    [DeviceTheory]
    [InlineData(32, 784, 128, Activation.Relu, true)]
    [InlineData(32, 784, 128, Activation.None, false)]
    [InlineData(32, 128, 10, Activation.None, true)]
    [InlineData(8, 16, 12, Activation.Relu, true)]
    public void Matches_reference_at_training_shapes(int m, int k, int n, Activation activation, bool withBias) =>
        AssertMatchesReference(MatMulCase.Draw(m, k, n, activation, withBias, RandomArrays.Seed(102, m, k, n, (int)activation, withBias ? 1 : 0)));

    /// <summary>The evaluation pass: the whole test set through the hidden layer in one launch (about a second on the CPU accelerator).</summary>
    [DeviceFact]
    public void Matches_reference_over_the_test_set() => AssertMatchesReference(TestSet.Value);

    [DeviceTheory]
    [InlineData("a")]
    [InlineData("b")]
    [InlineData("bias")]
    [InlineData("c")]
    [InlineData("m")]
    [InlineData("k")]
    [InlineData("n")]
    public void Rejects_a_wrong_shape_before_launching(string argument)
    {
        const int m = 5, k = 3, n = 6;
        using var a = NaNs(SizeOf(argument, "a", m * k));
        using var b = NaNs(SizeOf(argument, "b", k * n));
        using var bias = NaNs(SizeOf(argument, "bias", n));
        using var c = NaNs(SizeOf(argument, "c", m * n));
        AssertRejects(argument, c, () => Ops.MatMul.Run(
            a.View, b.View, bias.View, c.View, ExtentOf(argument, "m", m), ExtentOf(argument, "k", k), ExtentOf(argument, "n", n), Activation.Relu));
    }

    private void AssertMatchesReference(MatMulCase test)
    {
        var (m, k, n) = (test.M, test.K, test.N);
        using var a = Upload(test.A);
        using var b = Upload(test.B);
        using var bias = Upload(test.Bias ?? [0f]);
        using var c = NaNs((long)m * n);
        Ops.MatMul.Run(a.View, b.View, test.Bias is null ? ArrayView<float>.Empty : bias.View, c.View, m, k, n, test.Activation);

        MatMulTolerance.For(k).AssertClose(test.Expected, Download(c), $"MatMul ({m}x{k}) . ({k}x{n}), {test.Activation}, bias {test.Bias is not null}");
    }

    /// <summary>Inputs for one product and its float64 reference.</summary>
    private sealed record MatMulCase(int M, int K, int N, Activation Activation, float[] A, float[] B, float[]? Bias, double[] Expected)
    {
        /// <summary>
        /// Inputs uniform in [-1, 1), or for <paramref name="pixels"/> MNIST-like: a in [0, 1) and
        /// weights and bias of a freshly initialised layer's size, in [-0.1, 0.1).
        /// </summary>
        public static MatMulCase Draw(int m, int k, int n, Activation activation, bool withBias, int seed, bool pixels = false)
        {
            var random = new Random(seed);
            float[] a = pixels ? RandomArrays.Floats(random, (long)m * k, 0f, 1f) : RandomArrays.Floats(random, (long)m * k);
            float[] b = pixels ? RandomArrays.Floats(random, (long)k * n, -0.1f, 0.1f) : RandomArrays.Floats(random, (long)k * n);
            float[]? bias = withBias ? RandomArrays.Floats(random, n, pixels ? -0.1f : -1f, pixels ? 0.1f : 1f) : null;

            var expected = new double[(long)m * n];
            MatMulReference.Run(RandomArrays.Widen(a), RandomArrays.Widen(b), bias is null ? [] : RandomArrays.Widen(bias), expected, m, k, n, activation);
            return new MatMulCase(m, k, n, activation, a, b, bias, expected);
        }
    }
}

[Collection(CpuCollection.Name)]
public sealed class MatMulOnCpu(CpuDeviceFixture fixture) : MatMulTests(fixture);

[Collection(CudaCollection.Name)]
public sealed class MatMulOnCuda(CudaDeviceFixture fixture) : MatMulTests(fixture);

[Collection(OpenCLCollection.Name)]
public sealed class MatMulOnOpenCL(OpenCLDeviceFixture fixture) : MatMulTests(fixture);
