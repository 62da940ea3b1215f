using System.Text.Json;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.Cli.Tests;

/// <summary>What a run of the CLI did: its exit code and what it wrote.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json => JsonSerializer.Deserialize<JsonElement>(Out);

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
}

/// <summary>
/// Runs the CLI in-process (its root command with arguments) against a host started by the tests: the host's
/// in-memory handler is the CLI's HTTP handler. The environment is the test's own: no terminal, a profile
/// directory of its own, and only the variables the test gives.
/// </summary>
public sealed class CliRunner(QlrfHost host, string configDirectory)
{
    private readonly HttpMessageHandler handler = host.Server.CreateHandler();

    public string ConfigDirectory { get; } = configDirectory;

    /// <summary>Runs signed in with <paramref name="apiKey"/> (QLRF_API_KEY); null runs with only what the profile holds.</summary>
    public async Task<CliResult> RunWithInputAsync(string? apiKey, string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal) { ["QLRF_API_KEY"] = apiKey, ["QLRF_URL"] = "http://localhost/" };
        var environment = new CliEnvironment
        {
            Output = output,
            Error = error,
            Input = new StringReader(input),
            IsTerminal = false,
            ConfigDirectory = ConfigDirectory,
            Variable = name => variables.GetValueOrDefault(name),
            Handler = handler,
            PollInterval = TimeSpan.FromMilliseconds(50),
        };
        var code = await QlrfCli.RunAsync(args, environment);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public Task<CliResult> RunAsync(string? apiKey, params string[] args) => RunWithInputAsync(apiKey, string.Empty, args);
}
