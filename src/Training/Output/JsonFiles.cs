using System.Text.Json;
using System.Text.Json.Serialization;
using Handwriting.Training.IO;

namespace Handwriting.Training.Output;

/// <summary>How every JSON file and `--json` output is written: snake_case names, as Keras's history uses.</summary>
public static class JsonFiles
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Writes atomically (see <see cref="AtomicFile"/>): the file holds the old JSON or the whole new one.</summary>
    public static void Write<T>(string path, T value)
    {
        byte[] text = System.Text.Encoding.UTF8.GetBytes(Serialize(value) + "\n");
        AtomicFile.Write(path, stream => stream.Write(text));
    }
}
