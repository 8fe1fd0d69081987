namespace Handwriting.Training;

/// <summary>
/// How the learning rate changes over a run of T = epochs x steps-per-epoch optimiser steps,
/// numbered t = 0 .. T - 1 (the number of Adam steps taken before this one). A pure function of
/// (t, T), so a resumed run, which restores t, repeats it exactly.
/// </summary>
public enum LearningRateSchedule
{
    /// <summary>lr at every step (the seed notebook's).</summary>
    Constant,

    /// <summary>lr * 0.5 * (1 + cos(pi * t / T)): from lr at t = 0 down towards 0 at t = T.</summary>
    Cosine,

    /// <summary>lr until half the run, lr / 10 from t >= T / 2, lr / 100 from t >= 3T / 4.</summary>
    Step,
}

/// <summary>The learning rate of one step under a <see cref="LearningRateSchedule"/>, and the schedules' names.</summary>
public static class LearningRateSchedules
{
    public static readonly IReadOnlyList<string> Names = ["constant", "cosine", "step"];

    /// <summary>Step t's learning rate (computed in double); Constant returns lr itself, so plain runs are unchanged bit for bit.</summary>
    public static float RateAt(this LearningRateSchedule schedule, float learningRate, int step, int totalSteps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(totalSteps);
        return schedule switch
        {
            LearningRateSchedule.Constant => learningRate,
            LearningRateSchedule.Cosine => (float)(learningRate * 0.5 * (1 + Math.Cos(Math.PI * step / totalSteps))),
            LearningRateSchedule.Step => (float)(learningRate * StepFactor(step, totalSteps)),
            _ => throw new ArgumentOutOfRangeException(nameof(schedule), schedule, "unknown learning-rate schedule"),
        };
    }

    public static string Name(this LearningRateSchedule schedule) => Names[(int)schedule];

    /// <summary>"constant", "cosine" or "step" (any case); false for anything else.</summary>
    public static bool TryParse(string? name, out LearningRateSchedule schedule)
    {
        for (int i = 0; i < Names.Count; i++)
        {
            if (string.Equals(name, Names[i], StringComparison.OrdinalIgnoreCase))
            {
                schedule = (LearningRateSchedule)i;
                return true;
            }
        }

        schedule = LearningRateSchedule.Constant;
        return false;
    }

    // Integer comparisons, so the drops land on the same step on every machine.
    private static double StepFactor(int step, int totalSteps) =>
        4L * step >= 3L * totalSteps ? 0.01 : 2L * step >= totalSteps ? 0.1 : 1.0;
}
