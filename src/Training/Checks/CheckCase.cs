using Handwriting.Kernels.Simd;

namespace Handwriting.Training.Checks;

/// <summary>
/// One op's variant at one shape: launches the kernel on a <see cref="CheckTarget"/> and returns
/// its outputs beside the float64 reference's. <see cref="CannotRun"/> says, for a target, why the
/// variant cannot run there (null when it can), so the row says so instead of passing.
/// <paramref name="Simd"/> is the CPU-only SIMD width the launchers run on the CPU accelerator
/// while the case launches (<see cref="Handwriting.Kernels.DeviceOps.Simd"/>); null, for every portable variant, runs
/// the portable kernels there, so a "blocked" or "portable" row is that kernel, not its SIMD twin
/// (see <see cref="SimdCases"/>).
/// `handwriting check` and the tests run the same cases (<see cref="CheckCatalog"/>).
/// </summary>
public sealed record CheckCase(
    string Op,
    string Variant,
    string Shape,
    Func<CheckTarget, IReadOnlyList<CheckOutput>> Launch,
    Func<CheckTarget, string?>? CannotRun = null,
    SimdWidth? Simd = null)
{
    /// <summary>"DenseForward blocked 32x784x128 relu": unique in the catalog, for test names.</summary>
    public string Name => $"{Op} {Variant} {Shape}";

    public override string ToString() => Name;

    /// <summary>
    /// One row per output; a single NotRun row when the variant cannot run; a single Fail row
    /// holding the exception when the launch throws (a kernel that does not compile for this
    /// accelerator, say), so one broken case never hides the others.
    /// </summary>
    public IReadOnlyList<CheckRow> Run(CheckTarget target)
    {
        string variant = VariantOn(target);
        if (CannotRun?.Invoke(target) is { } reason)
        {
            return [new CheckRow(Op, variant, Shape, "-", double.NaN, double.NaN, "-", CheckResult.NotRun, reason)];
        }

        IReadOnlyList<CheckOutput> outputs;
        var ops = target.Device.Ops;
        var chosen = ops.Simd;
        try
        {
            if (target.IsCpu)
            {
                ops.Simd = Simd;
            }

            outputs = Launch(target);
        }
        catch (Exception failure)
        {
            string message = $"{failure.GetType().Name}: {failure.Message.ReplaceLineEndings(" ").Trim()}";
            return [new CheckRow(Op, variant, Shape, "-", double.NaN, double.NaN, "-", CheckResult.Fail, message)];
        }
        finally
        {
            if (target.IsCpu)
            {
                ops.Simd = chosen;
            }
        }

        return outputs
            .Select(output => CheckComparison.Compare(Op, variant, Shape, output with { Actual = target.Observe(output.Actual) }))
            .ToList();
    }

    /// <summary>The tile variants say where their tiles ran.</summary>
    private string VariantOn(CheckTarget target) => Variant == CheckVariants.Tiled ? target.TileNote : Variant;
}

/// <summary>The variant names the table shows.</summary>
public static class CheckVariants
{
    /// <summary>The only kernel of an op that has one.</summary>
    public const string Portable = "portable";

    /// <summary>The register-blocked kernel DenseForward and WeightGradient launch on the CPU accelerator.</summary>
    public const string Blocked = "blocked";

    /// <summary>The shared-memory tile kernel they launch on GPUs.</summary>
    public const string Tiled = "tiled";

    /// <summary>The whole network's step: every kernel the device network launches, as on this accelerator.</summary>
    public const string Network = "network";

    /// <summary>The CPU-only SIMD variant at one width: "simd256".</summary>
    public static string Simd(SimdWidth width) => $"simd{(int)width}";
}
