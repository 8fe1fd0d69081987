namespace Handwriting.Kernels.Checks;

/// <summary>What became of one compared output.</summary>
public enum CheckResult
{
    /// <summary>Every element within the tolerance.</summary>
    Pass,

    /// <summary>At least one element outside it, or the launch threw.</summary>
    Fail,

    /// <summary>This accelerator cannot run the variant; the row says why. Not a pass.</summary>
    NotRun,
}
