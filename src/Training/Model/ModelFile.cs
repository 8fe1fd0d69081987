using Handwriting.Training.IO;
namespace Handwriting.Training.Model;

/// <summary>
/// Saves and loads a trained MLP: its <see cref="MlpShape"/> and flat parameters, in the versioned,
/// checksummed binary format described by <see cref="ModelFileFormat"/>.
/// </summary>
public static class ModelFile
{
    /// <summary>The most hidden layers a model file holds; `train` refuses more, so that every model it trains can be loaded.</summary>
    public const int MaxHiddenLayers = ModelFileFormat.MaxHiddenLayers;

    /// <summary>The widest layer a model file holds.</summary>
    public const int MaxLayerWidth = ModelFileFormat.MaxLayerWidth;

    /// <summary>
    /// Writes the model to a temporary file beside <paramref name="path"/> and renames it over the
    /// target, so that a crash or a full disk never leaves a half-written model under the final name.
    /// The folder must exist.
    /// </summary>
    public static void Save(string path, MlpShape shape, ReadOnlySpan<float> parameters)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(shape);
        if (parameters.Length != shape.ParameterCount)
        {
            throw new ArgumentException(
                $"{parameters.Length} parameters were given but shape {shape} has {shape.ParameterCount}", nameof(parameters));
        }

        // A span cannot enter the lambda; one copy of the parameters is cheap next to the write.
        float[] values = parameters.ToArray();
        AtomicFile.Write(path, stream => ModelFileWriter.Write(stream, shape, values));
    }

    /// <summary>Reads and checks a model file; throws <see cref="ModelFileException"/> naming the file and the problem.</summary>
    public static (MlpShape Shape, float[] Parameters) Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ModelFileReader.Read(path);
    }

    /// <summary>As <see cref="Load(string)"/>, and refuses a model of any shape but <paramref name="expected"/>.</summary>
    public static (MlpShape Shape, float[] Parameters) Load(string path, MlpShape expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        (MlpShape shape, float[] parameters) = Load(path);
        if (shape != expected)
        {
            throw new ModelFileException($"{path} has shape {shape} but {expected} was expected");
        }

        return (shape, parameters);
    }
}
