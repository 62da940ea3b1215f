namespace Qlrf.Cli;

/// <summary>
/// What a run of the CLI reads and writes: its standard streams, whether standard output is a terminal, where its
/// profile lives, its environment variables and (for tests) the HTTP handler its client sends through.
/// </summary>
public sealed record CliEnvironment
{
    public required TextWriter Output { get; init; }

    public required TextWriter Error { get; init; }

    public required TextReader Input { get; init; }

    /// <summary>Standard output is a terminal: colours, spinners, progress and prompts are allowed (unless <c>--no-input</c>).</summary>
    public bool IsTerminal { get; init; }

    /// <summary>The directory of the profile file (<c>config.json</c>).</summary>
    public required string ConfigDirectory { get; init; }

    public Func<string, string?> Variable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>The handler the API client sends through; null for a real network handler.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>How often <c>watch</c> and <c>--wait</c> poll.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The process's own environment: the console, and the profile in the user's configuration directory.</summary>
    public static CliEnvironment FromProcess() => new()
    {
        Output = Console.Out,
        Error = Console.Error,
        Input = Console.In,
        IsTerminal = !Console.IsOutputRedirected,
        ConfigDirectory = DefaultConfigDirectory(Environment.GetEnvironmentVariable),
    };

    /// <summary><c>QLRF_CONFIG_DIR</c>, else <c>$XDG_CONFIG_HOME/qlrf</c>, else the user's application-data folder's <c>qlrf</c> (<c>~/.config/qlrf</c>).</summary>
    public static string DefaultConfigDirectory(Func<string, string?> variable)
    {
        ArgumentNullException.ThrowIfNull(variable);
        if (variable("QLRF_CONFIG_DIR") is { Length: > 0 } explicitDirectory)
        {
            return explicitDirectory;
        }

        var root = variable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.DoNotVerify);
        return Path.Combine(root, "qlrf");
    }
}
