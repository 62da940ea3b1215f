using System.Reflection;
using System.Text.RegularExpressions;

namespace Qlrf.IntegrationTests.AzureGlue;

/// <summary>
/// Reads the forwarders of the <c>Azure/</c> C# files as text: each <c>[Function(nameof(...))]</c> method with its
/// trigger attribute. Routes given as <c>Routes.X</c> are resolved through <paramref name="routeConstants"/>.
/// </summary>
public static partial class GlueParser
{
    public static IReadOnlyList<GlueForwarder> Parse(string app, string file, string text, Type routeConstants)
    {
        ArgumentNullException.ThrowIfNull(text);
        var forwarders = new List<GlueForwarder>();
        foreach (Match function in FunctionAttribute().Matches(text))
        {
            var name = NameOf(function.Groups["name"].Value);
            var end = text.IndexOf(';', function.Index);
            var declaration = text[function.Index..(end < 0 ? text.Length : end)];
            var arrow = declaration.IndexOf("=>", StringComparison.Ordinal);
            var parameters = arrow < 0 ? declaration : declaration[..arrow];
            var body = arrow < 0 ? string.Empty : declaration[arrow..];
            var forwarded = NameOfExpression().Matches(body).Select(m => NameOf(m.Value)).ToList();
            forwarders.Add(Trigger(app, file, name, parameters, forwarded, routeConstants));
        }

        return forwarders;
    }

    private static GlueForwarder Trigger(string app, string file, string name, string parameters, List<string> forwarded, Type routeConstants)
    {
        if (HttpTrigger().Match(parameters) is { Success: true } http)
        {
            var methods = StringLiteral().Matches(http.Groups["methods"].Value).Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
            var route = http.Groups["route"].Value;
            var value = route.StartsWith("Routes.", StringComparison.Ordinal)
                ? routeConstants.GetField(route["Routes.".Length..], BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string
                : StringLiteral().Match(route) is { Success: true } literal ? literal.Groups[1].Value : null;
            return new GlueForwarder(app, file, name, TriggerKind.Http, methods, value ?? $"<unknown route {route}>", null, forwarded);
        }

        if (SettingTrigger().Match(parameters) is { Success: true } setting)
        {
            var kind = setting.Groups["kind"].Value == "Timer" ? TriggerKind.Timer : TriggerKind.Queue;
            return new GlueForwarder(app, file, name, kind, new HashSet<string>(), null, setting.Groups["setting"].Value, forwarded);
        }

        var durable = parameters.Contains("[OrchestrationTrigger]", StringComparison.Ordinal) ? TriggerKind.Orchestrator
            : parameters.Contains("[ActivityTrigger]", StringComparison.Ordinal) ? TriggerKind.Activity
            : throw new InvalidOperationException($"{file}: function {name} has no trigger this check knows.");
        return new GlueForwarder(app, file, name, durable, new HashSet<string>(), null, null, forwarded);
    }

    /// <summary>The name a <c>nameof(A.B)</c>, <c>nameof(B)</c> or string literal gives.</summary>
    private static string NameOf(string expression)
    {
        var inner = expression.Trim();
        if (inner.StartsWith("nameof(", StringComparison.Ordinal))
        {
            inner = inner["nameof(".Length..^1];
            return inner[(inner.LastIndexOf('.') + 1)..];
        }

        return inner.Trim('"');
    }

    [GeneratedRegex(@"\[Function\((?<name>nameof\([\w.]+\)|""[^""]*"")\)\]")]
    private static partial Regex FunctionAttribute();

    [GeneratedRegex(@"nameof\([\w.]+\)")]
    private static partial Regex NameOfExpression();

    [GeneratedRegex(@"\[HttpTrigger\(AuthorizationLevel\.\w+,(?<methods>(\s*""[^""]*"",)+)\s*Route\s*=\s*(?<route>[\w.]+|""[^""]*"")\)\]")]
    private static partial Regex HttpTrigger();

    [GeneratedRegex(@"\[(?<kind>Timer|ServiceBus|Queue)Trigger\(""%(?<setting>[^%""]+)%""")]
    private static partial Regex SettingTrigger();

    [GeneratedRegex(@"""([^""]*)""")]
    private static partial Regex StringLiteral();
}
