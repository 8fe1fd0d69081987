namespace Handwriting.Kernels.Checks;

/// <summary>
/// One op's variant at one shape: launches the kernel on a <see cref="CheckTarget"/> and returns
/// its outputs beside the float64 reference's. <see cref="CannotRun"/> says, for a target, why the
/// variant cannot run there (null when it can), so the row says so instead of passing.
/// `handwriting check` and the kernel tests run the same cases (<see cref="KernelChecks"/>); the
/// tests add what a case cannot say (argument refusals, bit-for-bit between variants).
/// </summary>
public sealed record CheckCase(
    string Op,
    string Variant,
    string Shape,
    Func<CheckTarget, IReadOnlyList<CheckOutput>> Launch,
    Func<CheckTarget, string?>? CannotRun = null)
{
    /// <summary>Why <see cref="LeftToGpus"/> cases do not run on the CPU accelerator.</summary>
    public const string LeftToGpusReason = "left to GPUs: too slow on the tile-sized CPU device (an OS thread per tile thread)";

    /// <summary>The kernel variant the case launches, where it launches one op's kernel; null for a whole network step or a probe.</summary>
    public KernelVariant? Kernel { get; init; }

    /// <summary>
    /// A tile kernel at a shape the CPU accelerator's tile-sized device would take most of
    /// `check`'s minute over (every tile thread is an OS thread there): run on GPUs only.
    /// </summary>
    public bool LeftToGpus { get; init; }

    /// <summary>"DenseForward portable 32x784x128 relu": unique in the catalog, for test names.</summary>
    public string Name => $"{Op} {Variant} {Shape}";

    public override string ToString() => Name;

    /// <summary>Null when the case runs on the target, else why not.</summary>
    public string? CannotRunOn(CheckTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return LeftToGpus && target.IsCpu ? LeftToGpusReason : CannotRun?.Invoke(target);
    }

    /// <summary>
    /// One row per output; a single NotRun row when the variant cannot run; a single Fail row
    /// holding the exception when the launch throws (a kernel that does not compile for this
    /// accelerator, say), so one broken case never hides the others.
    /// </summary>
    public IReadOnlyList<CheckRow> Run(CheckTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        string variant = Kernel is { } kernel ? target.Label(kernel) : Variant;
        if (CannotRunOn(target) is { } reason)
        {
            return [new CheckRow(Op, variant, Shape, "-", double.NaN, double.NaN, "-", CheckResult.NotRun, reason)];
        }

        IReadOnlyList<CheckOutput> outputs;
        try
        {
            outputs = Launch(target);
        }
        catch (Exception failure)
        {
            string message = $"{failure.GetType().Name}: {failure.Message.ReplaceLineEndings(" ").Trim()}";
            return [new CheckRow(Op, variant, Shape, "-", double.NaN, double.NaN, "-", CheckResult.Fail, message)];
        }

        return outputs.Select(output => (output with { Actual = target.Observe(output.Actual) }).Row(Op, variant, Shape)).ToList();
    }
}
