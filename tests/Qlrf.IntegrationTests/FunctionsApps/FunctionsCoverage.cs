namespace Qlrf.IntegrationTests.FunctionsApps;

/// <summary>
/// Compares the entry points the local host registers with the functions of the built apps. Each entry point must be a
/// function of exactly one app, of its kind, in the app that runs that kind (HTTP in the api app, workflows in the
/// orchestration app, the asset-change queue in the discovery app), on its route and methods or its setting; each
/// function of an app must be an entry point (no stale glue).
/// </summary>
public static class FunctionsCoverage
{
    public static IReadOnlyList<string> Problems(IReadOnlyCollection<EntryPoint> entryPoints, IReadOnlyCollection<AppFunction> functions)
    {
        ArgumentNullException.ThrowIfNull(entryPoints);
        ArgumentNullException.ThrowIfNull(functions);
        var problems = new List<string>();
        foreach (var entry in entryPoints)
        {
            var matches = functions.Where(f => f.Kind == entry.Kind && string.Equals(f.Name, entry.Name, StringComparison.Ordinal)).ToList();
            if (matches.Count == 0)
            {
                problems.Add($"{entry} is a function of no app. Add to {AppOf(entry.Kind) ?? "its app"}:{Environment.NewLine}{Suggest(entry)}");
                continue;
            }

            if (matches.Count > 1)
            {
                problems.Add($"{entry} is a function of {matches.Count} apps: {string.Join(", ", matches.Select(m => m.App))}.");
            }

            foreach (var function in matches)
            {
                problems.AddRange(Mismatches(entry, function));
            }
        }

        foreach (var function in functions.Where(f => !entryPoints.Any(e => e.Kind == f.Kind && e.Name == f.Name)))
        {
            problems.Add($"{function.App}: {function.Kind} function {function.Name} is nothing the local host registers (stale glue).");
        }

        return problems;
    }

    /// <summary>The app that runs functions of a kind; timers run in the app of their module.</summary>
    public static string? AppOf(TriggerKind kind) => kind switch
    {
        TriggerKind.Http => "Functions.Api",
        TriggerKind.Queue => "Functions.Discovery",
        TriggerKind.Orchestrator or TriggerKind.Activity => "Functions.Orchestration",
        _ => null,
    };

    private static IEnumerable<string> Mismatches(EntryPoint entry, AppFunction glue)
    {
        var where = $"{glue.App}: {glue.Name}";
        if (AppOf(entry.Kind) is { } app && glue.App != app)
        {
            yield return $"{where} is a {entry.Kind} function, which {app} runs, not {glue.App}.";
        }

        if (entry.Kind == TriggerKind.Http)
        {
            if (!Normalise(glue.Route).Equals(Normalise(entry.Route), StringComparison.Ordinal))
            {
                yield return $"{where} binds route '{glue.Route}', but the endpoint's is '{entry.Route}'.";
            }

            if (!glue.Methods.SetEquals(entry.Methods))
            {
                yield return $"{where} binds methods {string.Join(",", glue.Methods.Order())}, but the endpoint takes {string.Join(",", entry.Methods.Order())}.";
            }
        }
        else if (entry.Setting is not null && glue.Setting != entry.Setting)
        {
            yield return $"{where} binds %{glue.Setting}%, but it is registered on %{entry.Setting}%.";
        }
    }

    private static string Normalise(string? route) => (route ?? string.Empty).Trim('/').ToLowerInvariant();

    private static string Suggest(EntryPoint entry) => entry.Kind switch
    {
        TriggerKind.Http =>
            $"""
                [Function(nameof(<Functions class>.{entry.Name}))]
                public Task<IActionResult> {entry.Name}(
                    [HttpTrigger(AuthorizationLevel.Anonymous, {string.Join(", ", entry.Methods.Order().Select(m => $"\"{m}\""))}, Route = Routes.<constant for '{entry.Route}'>)] HttpRequest request,
                    [DurableClient] DurableTaskClient durable) =>
                    api.ForwardAsync(request, durable);
            """,
        TriggerKind.Timer =>
            $"""
                [Function(nameof(<class>.{entry.Name}))]
                public Task {entry.Name}([TimerTrigger("%{entry.Setting}%")] TimerInfo timer, CancellationToken cancellationToken) =>
                    timers.RunAsync(nameof(<class>.{entry.Name}), timer, cancellationToken);
            """,
        TriggerKind.Queue =>
            $"""
                [Function(nameof(<class>.{entry.Name}))]
                public Task {entry.Name}(
                    [QueueTrigger("%{entry.Setting}%", Connection = StorageQueueAssetChanges.Connection)] QueueMessage message, CancellationToken cancellationToken) =>
                    delivery.HandleAsync(nameof(<class>.{entry.Name}), message, cancellationToken);
            """,
        TriggerKind.Orchestrator =>
            $"""
                [Function(nameof({entry.Name}))]
                public Task<object?> {entry.Name}([OrchestrationTrigger] TaskOrchestrationContext context) =>
                    runner.RunOrchestratorAsync(nameof({entry.Name}), context);
            """,
        _ =>
            $"""
                [Function(nameof({entry.Name}))]
                public Task<object?> {entry.Name}(
                    [ActivityTrigger] JsonElement? input, string instanceId, [DurableClient] DurableTaskClient durable, CancellationToken cancellationToken) =>
                    runner.RunActivityAsync(nameof({entry.Name}), input, instanceId, durable, cancellationToken);
            """,
    };
}
