using System.Runtime.Intrinsics;
using Handwriting.Kernels.Simd;

namespace Handwriting.Kernels.Tests.Simd;

/// <summary>HANDWRITING_CPU_KERNELS's values, and the width the hardware reports.</summary>
public sealed class CpuKernelChoiceTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("simd")]
    [InlineData(" SIMD ")]
    public void Unset_or_simd_forces_nothing_so_the_rule_takes_the_widest_width(string? value)
    {
        Assert.Null(CpuKernelChoice.Parse(value));
        using var device = Handwriting.Kernels.Devices.ComputeDevice.OpenCpu(new ILGPU.Runtime.CPU.CPUDevice(2, 1, 1), CpuKernelChoice.Parse(value));
        Assert.Equal(KernelVariants.WidestSimd, device.Ops.DenseForward.Variant);
    }

    [Fact]
    public void Portable_forces_the_portable_kernels() =>
        Assert.Equal(KernelVariant.Portable, CpuKernelChoice.Parse("portable"));

    [Theory]
    [InlineData("simd128", KernelVariant.Simd128)]
    [InlineData("simd256", KernelVariant.Simd256)]
    [InlineData("Simd512", KernelVariant.Simd512)]
    public void A_width_forces_that_width(string value, KernelVariant variant) =>
        Assert.Equal(variant, CpuKernelChoice.Parse(value));

    [Theory]
    [InlineData("bogus")]
    [InlineData("simd64")]
    [InlineData("gpu")]
    public void Any_other_value_is_an_error_naming_the_variable_and_the_choices(string value)
    {
        var error = Assert.Throws<CpuKernelChoiceException>(() => CpuKernelChoice.Parse(value));
        Assert.Equal($"HANDWRITING_CPU_KERNELS={value} is not one of simd, portable, simd128, simd256, simd512", error.Message);
    }

    [Fact]
    public void The_widest_width_is_what_the_hardware_accelerates()
    {
        var expected = Vector512.IsHardwareAccelerated ? SimdWidth.Bits512
            : Vector256.IsHardwareAccelerated ? SimdWidth.Bits256
            : SimdWidth.Bits128;
        Assert.Equal(expected, SimdWidths.Widest);
    }

    [Fact]
    public void Every_width_up_to_the_widest_is_accelerated_and_no_wider_one()
    {
        Assert.Equal(Enum.GetValues<SimdWidth>().Where(width => width <= SimdWidths.Widest), SimdWidths.Accelerated);
        Assert.Contains(SimdWidth.Bits128, SimdWidths.Accelerated);
        Assert.Equal(Vector256.IsHardwareAccelerated, SimdWidths.Accelerated.Contains(SimdWidth.Bits256));
    }

    [Theory]
    [InlineData(SimdWidth.Bits128, 4)]
    [InlineData(SimdWidth.Bits256, 8)]
    [InlineData(SimdWidth.Bits512, 16)]
    public void A_width_holds_its_bits_in_floats(SimdWidth width, int floats) =>
        Assert.Equal(floats, width.Floats());
}
