using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace Handwriting.Runner.Cli;

/// <summary>
/// What is wrong with a command line, in the words a user needs: the mistyped command with the
/// nearest real one, the option whose value is not a number, an option given an empty value.
/// System.CommandLine's own first error ("Required command was not provided.", "... as expected
/// type 'System.Int32'") names neither.
/// </summary>
public static partial class CommandLineFaults
{
    /// <summary>The fault of a command line that failed to parse, as one line.</summary>
    public static string Describe(ParseResult parse, RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(root);
        if (parse.CommandResult.Command == root && parse.UnmatchedTokens.Count > 0 && !parse.UnmatchedTokens[0].StartsWith('-'))
        {
            string typed = parse.UnmatchedTokens[0];
            var commands = root.Subcommands.Select(command => command.Name).ToList();
            string? nearest = commands.MinBy(name => EditDistance(typed, name));
            string suggestion = nearest is not null && EditDistance(typed, nearest) <= Math.Max(2, nearest.Length / 3)
                ? $"; did you mean '{nearest}'?"
                : "";
            return $"'{typed}' is not a command{suggestion} (commands: {string.Join(", ", commands)})";
        }

        if (parse.CommandResult.Command == root && parse.Tokens.Count == 0)
        {
            return $"no command given (commands: {string.Join(", ", root.Subcommands.Select(command => command.Name))})";
        }

        string message = parse.Errors[0].Message;
        Match notParsed = NotParsed().Match(message);
        if (notParsed.Success)
        {
            string value = notParsed.Groups["value"].Value;
            string option = notParsed.Groups["option"].Value;
            string expected = notParsed.Groups["type"].Value switch
            {
                "System.Int32" or "System.Int64" => "a whole number",
                "System.Single" or "System.Double" => "a number",
                "System.Boolean" => "true or false",
                var other => other,
            };
            string hint = option == "--index" ? "; --index takes every value after it, so put image files before it" : "";
            return $"{option}: '{value}' is not {expected}{hint}";
        }

        return message;
    }

    /// <summary>
    /// An option or argument given an empty value (`--out ""`), or null. No option of ours means
    /// anything by an empty string, and paths made from one fail deep inside .NET.
    /// </summary>
    public static string? EmptyValue(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var tokens = parse.Tokens;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Type == TokenType.Argument && string.IsNullOrWhiteSpace(tokens[i].Value))
            {
                string what = i > 0 && tokens[i - 1].Type == TokenType.Option ? tokens[i - 1].Value : "an argument";
                return $"{what}: the value is empty (give a path or a value)";
            }
        }

        return null;
    }

    /// <summary>Levenshtein distance: the fewest single-character edits from one word to the other.</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        int[] previous = Enumerable.Range(0, b.Length + 1).ToArray();
        int[] current = new int[b.Length + 1];
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    [GeneratedRegex("^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'")]
    private static partial Regex NotParsed();
}
