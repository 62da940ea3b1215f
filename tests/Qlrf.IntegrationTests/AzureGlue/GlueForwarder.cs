namespace Qlrf.IntegrationTests.AzureGlue;

/// <summary>The kinds of Azure trigger a forwarder binds.</summary>
public enum TriggerKind
{
    Http,
    Timer,
    Queue,
    Orchestrator,
    Activity,
}

/// <summary>
/// One attributed forwarder found in an <c>Azure/</c> file: its function name, trigger kind, HTTP methods and route
/// (HTTP), app setting (timer, queue), the names its body forwards to, and where it is.
/// </summary>
public sealed record GlueForwarder(
    string App,
    string File,
    string Name,
    TriggerKind Kind,
    IReadOnlySet<string> Methods,
    string? Route,
    string? Setting,
    IReadOnlyList<string> ForwardedNames);

/// <summary>A function entry point the local host registers, which must have exactly one forwarder of its kind.</summary>
public sealed record EntryPoint(string Name, TriggerKind Kind, IReadOnlySet<string> Methods, string? Route, string? Setting)
{
    public override string ToString() => Kind switch
    {
        TriggerKind.Http => $"HTTP {string.Join(",", Methods.Order()).ToUpperInvariant()} /{Route} ({Name})",
        TriggerKind.Timer => $"timer {Name} on %{Setting}%",
        TriggerKind.Queue => $"queue function {Name} on %{Setting}%",
        _ => $"{Kind.ToString().ToLowerInvariant()} {Name}",
    };
}
