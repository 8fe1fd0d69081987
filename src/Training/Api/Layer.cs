namespace Handwriting.Api;

/// <summary>One layer of a <see cref="Sequential"/> model: a <see cref="DenseLayer"/> or a <see cref="DropoutLayer"/> (made by <see cref="Layers"/>).</summary>
public abstract record Layer;

/// <summary>A fully connected layer of <paramref name="Units"/> outputs, Keras's Dense(units, activation).</summary>
/// <param name="Units">How many outputs the layer has.</param>
/// <param name="Activation">What the layer applies to its outputs.</param>
public sealed record DenseLayer(int Units, Activation Activation) : Layer
{
    /// <summary>As Keras writes it: Dense(128, relu).</summary>
    public override string ToString() => $"Dense({Units}, {Activation.ToString().ToLowerInvariant()})";
}

/// <summary>Zeroes each output of the layer before it with probability <paramref name="Rate"/> while training (scaling the rest up), Keras's Dropout(rate).</summary>
/// <param name="Rate">The fraction of outputs dropped, in [0, 1).</param>
public sealed record DropoutLayer(double Rate) : Layer
{
    /// <summary>As Keras writes it: Dropout(0.2).</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Dropout({Rate})");
}

/// <summary>
/// The layers, named as Keras names them. With <c>using static Handwriting.Api.Layers;</c> a model
/// reads as the seed notebook's: <c>[Dense(128, Activation.Relu), Dropout(0.2), Dense(10, Activation.Softmax)]</c>.
/// </summary>
public static class Layers
{
    /// <summary>A fully connected layer; see <see cref="DenseLayer"/>.</summary>
    /// <param name="units">How many outputs the layer has.</param>
    /// <param name="activation">What the layer applies to its outputs.</param>
    /// <returns>The layer.</returns>
    public static DenseLayer Dense(int units, Activation activation) => new(units, activation);

    /// <summary>Dropout after the layer before it; see <see cref="DropoutLayer"/>.</summary>
    /// <param name="rate">The fraction of outputs dropped while training, in [0, 1).</param>
    /// <returns>The layer.</returns>
    public static DropoutLayer Dropout(double rate) => new(rate);
}
