namespace Qlrf.Cli;

/// <summary>An expected failure: the message is shown as it is (no stack trace) and the run exits with <see cref="ExitCode"/>.</summary>
public sealed class CliException(int exitCode, string message, string? detail = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public string? Detail { get; } = detail;
}
