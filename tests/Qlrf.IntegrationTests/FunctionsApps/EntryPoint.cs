namespace Qlrf.IntegrationTests.FunctionsApps;

/// <summary>The kinds of Azure trigger a function binds.</summary>
public enum TriggerKind
{
    Http,
    Timer,
    Queue,
    Orchestrator,
    Activity,
}

/// <summary>
/// One function of a built Functions app, from its generated <c>functions.metadata</c>: its name, trigger kind, HTTP
/// methods and route (HTTP), app setting (timer schedule, queue name, as <c>%SETTING%</c>), and queue connection.
/// </summary>
public sealed record AppFunction(string App, string Name, TriggerKind Kind, IReadOnlySet<string> Methods, string? Route, string? Setting, string? Connection);

/// <summary>A function entry point the local host registers, which must be a function of exactly one app, of its kind.</summary>
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
