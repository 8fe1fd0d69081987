using Handwriting.Kernels.Devices;

namespace Handwriting.Kernels.Tests.Devices;

/// <summary>
/// `auto` falls back past an accelerator that fails to start. No GPU is needed: the candidates
/// here are stand-ins whose start succeeds or throws as the test says.
/// </summary>
public sealed class AcceleratorFallbackTests
{
    [Fact]
    public void A_gpu_that_fails_to_start_gives_way_to_the_next_and_the_reason_is_kept()
    {
        (string, AcceleratorKind)[] candidates = [("cuda", AcceleratorKind.Cuda), ("opencl", AcceleratorKind.OpenCL), ("cpu", AcceleratorKind.Cpu)];

        var started = AcceleratorFallback.StartFirst(candidates, name => name == "cpu" ? "started cpu" : throw new InvalidOperationException($"{name} driver missing"));

        Assert.Equal("started cpu", started.Value);
        Assert.Equal(AcceleratorKind.Cpu, started.Kind);
        Assert.Equal(["cuda failed to start (cuda driver missing)", "opencl failed to start (opencl driver missing)"], started.Skipped);
    }

    [Fact]
    public void The_first_that_starts_is_taken_and_nothing_is_skipped()
    {
        (string, AcceleratorKind)[] candidates = [("cuda", AcceleratorKind.Cuda), ("cpu", AcceleratorKind.Cpu)];

        var started = AcceleratorFallback.StartFirst(candidates, name => name);

        Assert.Equal(AcceleratorKind.Cuda, started.Kind);
        Assert.Empty(started.Skipped);
    }

    [Fact]
    public void When_the_last_fails_too_the_error_names_every_failure()
    {
        (string, AcceleratorKind)[] candidates = [("cuda", AcceleratorKind.Cuda), ("cpu", AcceleratorKind.Cpu)];

        var error = Assert.Throws<DeviceNotFoundException>(() =>
            AcceleratorFallback.StartFirst<string, string>(candidates, name => throw new InvalidOperationException($"{name} broken")));

        Assert.Equal("the cpu accelerator failed to start after cuda failed to start (cuda broken): cpu broken", error.Message);
    }

    [Fact]
    public void An_explicit_kind_that_fails_is_an_error_without_fallback()
    {
        (string, AcceleratorKind)[] candidates = [("cuda", AcceleratorKind.Cuda)];

        var error = Assert.Throws<DeviceNotFoundException>(() =>
            AcceleratorFallback.StartFirst<string, string>(candidates, _ => throw new InvalidOperationException("no driver")));

        Assert.Equal("the cuda accelerator failed to start: no driver", error.Message);
    }

    [Fact]
    public void Auto_on_this_machine_starts_an_accelerator_and_reports_what_it_skipped()
    {
        using var device = ComputeDevice.Open(AcceleratorKind.Auto);

        Assert.NotEqual(AcceleratorKind.Auto, device.Kind);
        Assert.All(device.SkippedAccelerators, reason => Assert.Contains("failed to start", reason, StringComparison.Ordinal));
    }
}
