using Handwriting.Api;
using Handwriting.Training;
using Handwriting.Training.Images;
using Handwriting.Training.Model;

namespace Handwriting.Runner.Display;

/// <summary>
/// What `predict` and `serve` answer for one prepared input: the digit and its ten
/// probabilities, or, when <see cref="PreparedInk"/> finds no ink, neither (<see cref="InkFound"/>
/// false) and the words <see cref="NoInk"/>. Both commands build their answers here, so a
/// drawing posted to the server and the same image given to `predict` get the same answer.
/// </summary>
public sealed record DigitAnswer(string Input, int? Digit, float[]? Probabilities, int? Label)
{
    public const string NoInk = "no ink found";

    public bool InkFound => Digit is not null;

    /// <summary>
    /// The answers for <paramref name="inputs"/> (each 784 prepared pixels), in order: one
    /// <see cref="Sequential.Predict(float[])"/> of the library's API, a batch of forward passes on
    /// the device, for every input with ink; inputs without ink never reach it.
    /// </summary>
    public static IReadOnlyList<DigitAnswer> For(Sequential model, IReadOnlyList<(string Name, float[] Pixels, int? Label)> inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        var inked = inputs.Where(input => PreparedInk.Found(input.Pixels)).ToList();
        float[] probabilities = inked.Count == 0
            ? []
            : model.Predict(inked.SelectMany(input => input.Pixels).ToArray()).SelectMany(prediction => prediction.Probabilities).ToArray();
        var answers = new List<DigitAnswer>(inputs.Count);
        int row = 0;
        foreach (var input in inputs)
        {
            if (!PreparedInk.Found(input.Pixels))
            {
                answers.Add(new DigitAnswer(input.Name, null, null, input.Label));
                continue;
            }

            float[] digitProbabilities = probabilities.AsSpan(row++ * SavedNetwork.Digits, SavedNetwork.Digits).ToArray();
            answers.Add(new DigitAnswer(input.Name, Softmax.ArgMax(digitProbabilities), digitProbabilities, input.Label));
        }

        return answers;
    }

    /// <summary>One line of `predict`'s text output: `seven.png: 7 99.2% | 3 0.5% | 2 0.1%`, or `blank.png: no ink found`.</summary>
    public string ToText()
    {
        string label = Label is int known ? $" (label {known})" : "";
        return $"{Input}{label}: {(Probabilities is null ? NoInk : ProbabilityText.Top(Probabilities, 3))}";
    }

    /// <summary>
    /// The object `predict --json` prints for each input and `serve` answers: input, digit,
    /// probabilities and ink_found; when no ink was found, digit and probabilities are null and
    /// message says "no ink found". A dictionary, so that `serve` can add the prepared image.
    /// </summary>
    public Dictionary<string, object?> ToJson()
    {
        var json = new Dictionary<string, object?>
        {
            ["input"] = Input,
            ["digit"] = Digit,
            ["probabilities"] = Probabilities,
            ["ink_found"] = InkFound,
        };
        if (!InkFound)
        {
            json["message"] = NoInk;
        }

        return json;
    }
}
