using System.Globalization;

namespace Handwriting.Api;

/// <summary>What the model says of one image: a probability per digit, and the likeliest digit.</summary>
public sealed class DigitProbabilities
{
    private readonly float[] _probabilities;

    internal DigitProbabilities(ReadOnlySpan<float> probabilities)
    {
        _probabilities = probabilities.ToArray();
        int best = 0;
        for (int digit = 1; digit < _probabilities.Length; digit++)
        {
            if (_probabilities[digit] > _probabilities[best])
            {
                best = digit;
            }
        }

        Digit = best;
    }

    /// <summary>The likeliest digit (the first of equals), Keras's argmax.</summary>
    public int Digit { get; }

    /// <summary>The probability of each digit 0..9; they sum to 1.</summary>
    public IReadOnlyList<float> Probabilities => _probabilities;

    /// <summary>"7 (0.9993); 0: 0.0000, 1: 0.0000, ...": the digit and every probability.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Digit} ({_probabilities[Digit]:F4}); ") +
        string.Join(", ", _probabilities.Select((p, digit) => string.Create(CultureInfo.InvariantCulture, $"{digit}: {p:F4}")));
}
