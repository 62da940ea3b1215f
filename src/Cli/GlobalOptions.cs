using System.CommandLine;
using Qlrf.Cli.Output;

namespace Qlrf.Cli;

/// <summary>The options every command takes (declared once on the root, recursive).</summary>
public static class GlobalOptions
{
    public const string DefaultUrl = "http://localhost:7071";

    public static readonly Option<OutputFormat> Output = new("--output", "-o")
    {
        Description = "How to print the result: table, json or yaml.",
        DefaultValueFactory = _ => OutputFormat.Table,
        Recursive = true,
    };

    public static readonly Option<string?> Org = new("--org")
    {
        Description = "The organisation whose stored sign-in to use (default: the last one signed in to, or QLRF_ORG).",
        Recursive = true,
    };

    public static readonly Option<string?> Url = new("--url")
    {
        Description = $"The QL-RF API's base URL (default: the stored sign-in's, QLRF_URL, or {DefaultUrl}).",
        Recursive = true,
    };

    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show each HTTP call with its request id on standard error.",
        Recursive = true,
    };

    public static readonly Option<bool> NoInput = new("--no-input")
    {
        Description = "Never prompt, colour or animate (also when standard output is not a terminal).",
        Recursive = true,
    };

    public static readonly Option<bool> Yes = new("--yes", "-y")
    {
        Description = "Answer yes to confirmations.",
        Recursive = true,
    };

    public static void AddTo(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        foreach (var option in new Option[] { Output, Org, Url, Verbose, NoInput, Yes })
        {
            root.Options.Add(option);
        }
    }
}
