namespace Handwriting.Training.Checks;

/// <summary>One output of a kernel launch beside the reference's values for it, and the tolerance that relates them.</summary>
public sealed record CheckOutput(string Name, double[] Expected, float[] Actual, CheckTolerance Tolerance);
