using Handwriting.Kernels.Devices;
using Handwriting.Kernels.Checks;
using Handwriting.Training.Checks;

namespace Handwriting.Training.Tests.Checks;

/// <summary>
/// The whole training step of `handwriting check` (<see cref="TrainingStepCases"/>; the kernel
/// tests run the kernel cases), run through the very code the command runs, on every accelerator
/// present: each output within its tolerance of the float64 reference, and a variant that cannot
/// run (a fused CPU-only step on a GPU) reported as such, never as a pass.
/// </summary>
public sealed class CheckCaseTests(CheckTargetFixture targets) : IClassFixture<CheckTargetFixture>
{
    public static TheoryData<string> CaseNames()
    {
        var names = new TheoryData<string>();
        foreach (var check in TrainingStepCases.All())
        {
            names.Add(check.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Passes_on_the_cpu_accelerator(string name) => AssertPasses(AcceleratorKind.Cpu, name);

    [AcceleratorTheory(AcceleratorKind.OpenCL)]
    [MemberData(nameof(CaseNames))]
    public void Passes_on_opencl(string name) => AssertPasses(AcceleratorKind.OpenCL, name);

    [AcceleratorTheory(AcceleratorKind.Cuda)]
    [MemberData(nameof(CaseNames))]
    public void Passes_on_cuda(string name) => AssertPasses(AcceleratorKind.Cuda, name);

    private void AssertPasses(AcceleratorKind kind, string name)
    {
        var target = targets.For(kind);
        var check = CheckCatalog.Named(name);
        var rows = check.Run(target);

        Assert.NotEmpty(rows);
        if (check.CannotRunOn(target) is { } reason)
        {
            var row = Assert.Single(rows);
            Assert.Equal(CheckResult.NotRun, row.Result);
            Assert.Equal(reason, row.Detail);
            return;
        }

        Assert.All(rows, row => Assert.True(row.Passed, $"{name}, {row.Output}: {row.Result} {row.Detail}"));
    }
}
