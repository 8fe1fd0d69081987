using System.Text.Json;
using System.Text.Json.Serialization;

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

    public static void Write<T>(string path, T value) => File.WriteAllText(path, Serialize(value) + "\n");
}
