namespace Handwriting.Kernels.Checks;

/// <summary>
/// One line of `handwriting check`'s table: one output of one op's variant at one shape, its
/// largest absolute and relative errors against the float64 reference and whether it passed.
/// Detail names the first mismatching element, the exception of a launch that failed, or why a
/// variant did not run.
/// </summary>
public sealed record CheckRow(
    string Op,
    string Variant,
    string Shape,
    string Output,
    double MaxAbsoluteError,
    double MaxRelativeError,
    string Tolerance,
    CheckResult Result,
    string Detail = "")
{
    public bool Passed => Result == CheckResult.Pass;
}
