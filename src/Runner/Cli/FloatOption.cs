using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Handwriting.Runner.Cli;

/// <summary>
/// A float option that refuses what a float cannot hold. The default parser turns "1e39" into
/// infinity, which range checks then report as "must be a positive number": true of infinity,
/// not of what the user typed.
/// </summary>
public static class FloatOption
{
    public static Option<float> Create(string name, string description, float defaultValue, string? helpName = null) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => Parse(result, name, defaultValue),
        HelpName = helpName,
    };

    private static float Parse(ArgumentResult result, string name, float defaultValue)
    {
        if (result.Tokens.Count == 0)
        {
            return defaultValue;
        }

        string text = result.Tokens[0].Value;
        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || float.IsNaN(value))
        {
            result.AddError($"{name}: '{text}' is not a number");
            return defaultValue;
        }

        if (float.IsInfinity(value))
        {
            result.AddError($"{name}: '{text}' is beyond the range of a float (at most about 3.4e38 in size)");
            return defaultValue;
        }

        return value;
    }
}
