using System.Globalization;

namespace Handwriting.Training;

/// <summary>The training loss became NaN, infinite or absurdly large (see Trainer.DivergedLoss): training stops instead of training on it.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException()
    {
    }

    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary><paramref name="step"/> counts from 1 within <paramref name="epoch"/>.</summary>
    public TrainingDivergedException(int epoch, int step, float loss)
        : base(string.Create(CultureInfo.InvariantCulture, $"training diverged: the loss {Describe(loss)} at epoch {epoch}, step {step}; try a smaller --learning-rate"))
    {
        Epoch = epoch;
        Step = step;
    }

    public int Epoch { get; }

    public int Step { get; }

    private static string Describe(float loss) =>
        float.IsNaN(loss) ? "became NaN"
        : float.IsInfinity(loss) ? "became infinite"
        : loss == float.MaxValue ? "became too large to sum"
        : string.Create(CultureInfo.InvariantCulture, $"reached {loss:G3}, far above the {Trainer.DivergedLoss:G} that means divergence");
}
