namespace Qlrf.Cli.Output;

/// <summary>How a command prints its result: a table for people, JSON or YAML for programs.</summary>
public enum OutputFormat
{
    Table,
    Json,
    Yaml,
}
