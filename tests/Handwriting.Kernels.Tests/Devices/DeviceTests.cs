using Handwriting.Kernels.Devices;
using ILGPU;
using ILGPU.Runtime;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>
/// The base of the per-op kernel tests: the shared device of the concrete class's backend and
/// the few buffer moves every test needs, and the catalog's cases run on it. Outputs start as NaN (or a sentinel for ints), so an
/// element a kernel forgets to write fails the comparison.
/// </summary>
public abstract class DeviceTests(DeviceFixture fixture)
{
    protected ComputeDevice Device => fixture.Device;

    protected DeviceOps Ops => fixture.Device.Ops;

    /// <summary>The device as `handwriting check` sees it: where the catalog's cases run.</summary>
    protected CheckTarget Target => fixture.Target;

    /// <summary>
    /// Runs the catalog case of that name (<see cref="KernelChecks"/>) on this device, the very code
    /// `handwriting check` runs, asserts every output is within its tolerance of the float64
    /// reference, and returns the outputs (so two variants' can be compared bit for bit).
    /// </summary>
    protected IReadOnlyList<CheckOutput> AssertPasses(string name)
    {
        var check = KernelChecks.Named(name);
        Assert.Null(check.CannotRunOn(Target));
        var outputs = check.Launch(Target);
        ToleranceAssert.AssertPasses(outputs, name);
        return outputs;
    }

    /// <summary>
    /// A CPU-only variant's case passes, the portable kernel's case at the same shape (the same
    /// inputs) passes, and every output of the two has the same bits: what the SIMD bodies promise.
    /// </summary>
    protected void AssertPassesWithThePortableBits(string name)
    {
        var simd = AssertPasses(name);
        string portableName = Tests.Ops.CatalogCases.At(name, KernelVariant.Portable);
        var portable = AssertPasses(portableName);
        Assert.Equal(portable.Count, simd.Count);
        foreach (var (expected, actual) in portable.Zip(simd))
        {
            SameBits.Assert(expected.Actual, actual.Actual, $"{name} against {portableName}: {actual.Name}");
        }
    }

    protected MemoryBuffer1D<float, Stride1D.Dense> Upload(float[] values) => Device.Accelerator.Allocate1D(values);

    protected MemoryBuffer1D<int, Stride1D.Dense> Upload(int[] values) => Device.Accelerator.Allocate1D(values);

    protected MemoryBuffer1D<byte, Stride1D.Dense> Upload(byte[] values) => Device.Accelerator.Allocate1D(values);

    /// <summary>An output buffer filled with NaN.</summary>
    protected MemoryBuffer1D<float, Stride1D.Dense> NaNs(long length)
    {
        var values = new float[length];
        Array.Fill(values, float.NaN);
        return Upload(values);
    }

    /// <summary>An int output buffer filled with a value no kernel writes here.</summary>
    protected MemoryBuffer1D<int, Stride1D.Dense> Sentinels(int length)
    {
        var values = new int[length];
        Array.Fill(values, int.MinValue);
        return Upload(values);
    }

    /// <summary>Waits for the device and copies the buffer back.</summary>
    protected float[] Download(MemoryBuffer1D<float, Stride1D.Dense> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Device.Accelerator.Synchronize();
        return buffer.GetAsArray1D();
    }

    protected int[] Download(MemoryBuffer1D<int, Stride1D.Dense> buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Device.Accelerator.Synchronize();
        return buffer.GetAsArray1D();
    }

    /// <summary>
    /// Asserts that the call throws an <see cref="ArgumentException"/> naming <paramref name="argument"/>
    /// and launched nothing: <paramref name="output"/>, filled with NaN, is still all NaN.
    /// </summary>
    protected void AssertRejects(string argument, MemoryBuffer1D<float, Stride1D.Dense> output, Action call)
    {
        var error = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(argument, error.ParamName);
        Assert.All(Download(output), value => Assert.True(float.IsNaN(value), "the kernel ran before the argument check"));
    }

    /// <summary>The int form of <see cref="AssertRejects(string, MemoryBuffer1D{float, Stride1D.Dense}, Action)"/>: <paramref name="output"/> still holds its sentinels.</summary>
    protected void AssertRejects(string argument, MemoryBuffer1D<int, Stride1D.Dense> output, Action call)
    {
        var error = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(argument, error.ParamName);
        Assert.All(Download(output), value => Assert.True(value == int.MinValue, "the kernel ran before the argument check"));
    }

    /// <summary>For argument-check theories: the size of buffer <paramref name="name"/>, one too many when it is the argument under test.</summary>
    protected static long SizeOf(string argument, string name, long size) => argument == name ? size + 1 : size;

    /// <summary>For argument-check theories: an extent, zero when it is the argument under test.</summary>
    protected static int ExtentOf(string argument, string name, int extent) => argument == name ? 0 : extent;
}
