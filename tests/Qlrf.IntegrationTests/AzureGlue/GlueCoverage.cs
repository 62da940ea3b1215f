namespace Qlrf.IntegrationTests.AzureGlue;

/// <summary>
/// Compares the entry points the local host registers with the forwarders of the <c>Azure/</c> files. Each entry point
/// needs exactly one forwarder of its kind, named after it, on its route and methods or its setting, forwarding the
/// same name; each forwarder needs an entry point (no stale glue); function names are unique within an app.
/// </summary>
public static class GlueCoverage
{
    public static IReadOnlyList<string> Problems(IReadOnlyCollection<EntryPoint> entryPoints, IReadOnlyCollection<GlueForwarder> forwarders)
    {
        ArgumentNullException.ThrowIfNull(entryPoints);
        ArgumentNullException.ThrowIfNull(forwarders);
        var problems = new List<string>();
        foreach (var entry in entryPoints)
        {
            var matches = forwarders.Where(f => f.Kind == entry.Kind && string.Equals(f.Name, entry.Name, StringComparison.Ordinal)).ToList();
            if (matches.Count == 0)
            {
                problems.Add($"{entry} has no Azure glue. Add to an Azure/ file of its app:{Environment.NewLine}{Suggest(entry)}");
                continue;
            }

            if (matches.Count > 1)
            {
                problems.Add($"{entry} has {matches.Count} forwarders: {string.Join(", ", matches.Select(m => m.File))}.");
            }

            foreach (var glue in matches)
            {
                problems.AddRange(Mismatches(entry, glue));
            }
        }

        foreach (var glue in forwarders.Where(f => !entryPoints.Any(e => e.Kind == f.Kind && e.Name == f.Name)))
        {
            problems.Add($"{glue.File}: {glue.Kind} function {glue.Name} forwards to nothing the local host registers (stale glue).");
        }

        foreach (var clash in forwarders.GroupBy(f => (f.App, Name: f.Name.ToUpperInvariant())).Where(g => g.Count() > 1 && g.Select(f => f.Kind).Distinct().Count() > 1))
        {
            problems.Add($"App {clash.Key.App} has several functions named {clash.First().Name}: {string.Join(", ", clash.Select(f => f.File))}.");
        }

        return problems;
    }

    private static IEnumerable<string> Mismatches(EntryPoint entry, GlueForwarder glue)
    {
        var where = $"{glue.File}: {glue.Name}";
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
        else
        {
            if (entry.Setting is not null && glue.Setting != entry.Setting)
            {
                yield return $"{where} binds %{glue.Setting}%, but it is registered on %{entry.Setting}%.";
            }

            if (!glue.ForwardedNames.Contains(entry.Name))
            {
                yield return $"{where} does not forward nameof({entry.Name}) to its runner.";
            }
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
                    [ServiceBusTrigger("%{entry.Setting}%", Connection = "ServiceBusConnection", IsBatched = true, AutoCompleteMessages = false)] ServiceBusReceivedMessage[] messages,
                    ServiceBusMessageActions actions, CancellationToken cancellationToken) =>
                    queues.RunAsync(nameof(<class>.{entry.Name}), messages, actions, cancellationToken);
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
