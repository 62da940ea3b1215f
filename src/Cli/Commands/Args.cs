using System.CommandLine;

namespace Qlrf.Cli.Commands;

/// <summary>Small builders for the command tree.</summary>
internal static class Args
{
    public static Command With(this Command command, params Symbol[] symbols)
    {
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Command sub:
                    command.Subcommands.Add(sub);
                    break;
            }
        }

        return command;
    }

    public static Argument<string> Id(string name, string description) => new(name) { Description = description };

    public static Option<string?> Text(string name, string description) => new(name) { Description = description };

    public static Option<string[]> Many(string name, string description) => new(name) { Description = description + " (repeatable)", AllowMultipleArgumentsPerToken = false };

    public static Option<TimeSpan> Timeout(string what) => new("--timeout")
    {
        Description = $"How long to wait for {what} (exit code 5 after that), e.g. 00:10:00.",
        DefaultValueFactory = _ => TimeSpan.FromMinutes(30),
    };

    /// <summary>A query string of the given pairs, leaving out empty values; values are percent-encoded.</summary>
    public static string Query(params (string Name, string? Value)[] pairs)
    {
        var parts = pairs.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList();
        return parts.Count == 0 ? string.Empty : "?" + string.Join('&', parts);
    }

    /// <summary>A path segment (an id), percent-encoded (asset ids hold '/').</summary>
    public static string Segment(string value) => Uri.EscapeDataString(value);
}
