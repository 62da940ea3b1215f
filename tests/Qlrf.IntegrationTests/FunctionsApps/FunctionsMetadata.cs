using System.Reflection;
using System.Text.Json;

namespace Qlrf.IntegrationTests.FunctionsApps;

/// <summary>
/// Reads the <c>functions.metadata</c> the worker SDK generates into each Functions app's build output: what the
/// Functions host will index, so what the app will run.
/// </summary>
public static class FunctionsMetadata
{
    /// <summary>The three apps, by project folder under <c>src/</c>.</summary>
    public static readonly IReadOnlyList<string> Apps = ["Functions.Api", "Functions.Discovery", "Functions.Orchestration"];

    public static IReadOnlyList<AppFunction> ReadAll() => Apps.SelectMany(app => Read(app, File.ReadAllText(PathOf(app)))).ToList();

    /// <summary>The metadata file of an app's build, in the configuration the tests were built in.</summary>
    public static string PathOf(string app)
    {
        var configuration = typeof(FunctionsMetadata).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "QlrfConfiguration").Value ?? "Debug";
        var path = Path.Combine(RepositoryRoot(), "src", app, "bin", configuration, "net10.0", "functions.metadata");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{app} has not been built: {path} is missing.", path);
    }

    public static IReadOnlyList<AppFunction> Read(string app, string json)
    {
        using var document = JsonDocument.Parse(json);
        var functions = new List<AppFunction>();
        foreach (var function in document.RootElement.EnumerateArray())
        {
            var name = function.GetProperty("name").GetString()!;
            var trigger = function.GetProperty("bindings").EnumerateArray()
                .Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            var type = trigger.GetProperty("type").GetString();
            functions.Add(type switch
            {
                "httpTrigger" => new AppFunction(
                    app, name, TriggerKind.Http,
                    trigger.TryGetProperty("methods", out var methods) ? methods.EnumerateArray().Select(m => m.GetString()!.ToLowerInvariant()).ToHashSet() : [],
                    Text(trigger, "route"), null, null),
                "timerTrigger" => new AppFunction(app, name, TriggerKind.Timer, new HashSet<string>(), null, Setting(Text(trigger, "schedule")), null),
                "queueTrigger" => new AppFunction(app, name, TriggerKind.Queue, new HashSet<string>(), null, Setting(Text(trigger, "queueName")), Text(trigger, "connection")),
                "orchestrationTrigger" => new AppFunction(app, name, TriggerKind.Orchestrator, new HashSet<string>(), null, null, null),
                "activityTrigger" => new AppFunction(app, name, TriggerKind.Activity, new HashSet<string>(), null, null, null),
                _ => throw new InvalidOperationException($"{app}: function {name} has a trigger this check does not know ({type})."),
            });
        }

        return functions;
    }

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Qlrf.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("The repository root (Qlrf.sln) was not found.");
    }

    private static string? Text(JsonElement binding, string property) =>
        binding.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The app setting a <c>%SETTING%</c> binding expression names (a literal stays as it is).</summary>
    private static string? Setting(string? expression) =>
        expression is { Length: > 2 } e && e[0] == '%' && e[^1] == '%' ? e[1..^1] : expression;
}
