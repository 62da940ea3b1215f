using System.Text.RegularExpressions;

namespace Qlrf.Ai.Planning;

public sealed partial class RuleBasedPlanner
{
    private static readonly string[] Severities = ["critical", "high", "medium", "low"];

    private static TaskSpec Build(AiIntent intent, PromptText text, AiScope scope) => intent switch
    {
        AiIntent.Rollout => Rollout(text, scope),
        AiIntent.RiskAssessment => Risk(text, scope),
        AiIntent.DriftStatus => text.HasStem("heatmap", "heat")
            ? Spec(intent, scope with { ImageVersion = null }, "Reads the drift heatmap.", AiToolCall.Of(AiToolNames.DriftHeatmap, new { }))
            : Spec(intent, scope with { ImageVersion = null }, "Reads drift and the outdated assets of the scope.", AiToolCall.Of(AiToolNames.DriftStatus, Filters(scope, family: true))),
        AiIntent.AssetQuery => Spec(intent, scope with { ImageVersion = null }, "Lists the assets of the scope.", AiToolCall.Of(AiToolNames.QueryAssets, AssetFilters(scope))),
        AiIntent.GoldenImage => scope.ImageFamily is null
            ? TaskSpec.Clarify("Which image family?", "Name the image family (for example ubuntu-2204-base).")
            : Spec(intent, Only(scope, family: true), $"Reads the versions of {scope.ImageFamily} and which is golden.", AiToolCall.Of(AiToolNames.GoldenImage, new { imageFamily = scope.ImageFamily })),
        AiIntent.CompareVersions => Compare(text, scope),
        AiIntent.Vulnerabilities => Vulnerabilities(text, scope),
        AiIntent.DrReadiness => Spec(intent, Only(scope, pair: true), scope.DrPair is null ? "Reads the readiness of every DR pair." : $"Reads the readiness of {scope.DrPair}.",
            AiToolCall.Of(AiToolNames.DrReadiness, scope.DrPair is null ? new { } : new { pair = scope.DrPair })),
        AiIntent.FailoverSimulation => scope.DrPair is null
            ? TaskSpec.Clarify("Which DR pair should the failover be simulated for?", "Name the DR pair.")
            : Spec(intent, Only(scope, pair: true), $"Simulates a failover of {scope.DrPair}; nothing changes.", AiToolCall.Of(AiToolNames.SimulateFailover, new { pair = scope.DrPair })),
        AiIntent.DrDrill => Drill(text, scope),
        _ => Audit(text),
    };

    private static TaskSpec Rollout(PromptText text, AiScope scope)
    {
        var patchSet = scope.PatchSet;
        if (scope.ImageFamily is null && patchSet is null)
        {
            return TaskSpec.Clarify("A rollout needs a target: which image family (and version) or patch set?", "Which image family or patch set should the assets move to?");
        }

        if (scope.Environments.Count + scope.Sites.Count + scope.Platforms.Count + scope.Tags.Count == 0)
        {
            return TaskSpec.Clarify("A rollout needs a scope; I will not guess the whole fleet.", "Which environments, sites, platforms or kinds of server (app or tier tags) should it cover?");
        }

        var arguments = RolloutArguments(text, scope, patchSet);
        var canary = CanaryCount(text);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (canary is not null)
        {
            parameters["canary"] = canary.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var target = patchSet ?? $"{scope.ImageFamily}{(scope.ImageVersion is null ? " (golden version)" : "@" + scope.ImageVersion)}";
        return Spec(AiIntent.Rollout, Only(scope, family: true, filters: true, version: true), $"Plans a rollout of {target} as a dry run, then proposes it: after your approval it is created and waits for its own approval, canary first.",
            AiToolCall.Of(AiToolNames.PlanRollout, arguments), AiToolCall.Of(AiToolNames.ProposeRollout, arguments)) with { Parameters = parameters };
    }

    private static TaskSpec Risk(PromptText text, AiScope scope)
    {
        var patchSet = scope.PatchSet;
        if (scope.ImageFamily is null && patchSet is null)
        {
            return TaskSpec.Clarify("Which target should the risk be scored for?", "Which image family (and version) or patch set?");
        }

        var tool = text.HasStem("risk") ? AiToolNames.CalculateRisk : AiToolNames.PlanRollout;
        return Spec(AiIntent.RiskAssessment, Only(scope, family: true, filters: true, version: true), tool == AiToolNames.CalculateRisk ? "Scores the risk of the change; nothing is stored." : "Plans the rollout as a dry run; nothing is stored.",
            AiToolCall.Of(tool, RolloutArguments(text, scope, patchSet)));
    }

    private static TaskSpec Compare(PromptText text, AiScope scope)
    {
        var versions = text.Tokens.Where(t => VersionPattern().IsMatch(t)).Distinct().ToList();
        if (scope.ImageFamily is null || versions.Count == 0)
        {
            return TaskSpec.Clarify("A comparison needs a family and at least the older version.", "Which image family, and which versions?");
        }

        object arguments = versions.Count >= 2
            ? new { imageFamily = scope.ImageFamily, from = versions[0], to = versions[1] }
            : new { imageFamily = scope.ImageFamily, from = versions[0] };
        return Spec(AiIntent.CompareVersions, Only(scope, family: true) with { ImageVersion = null }, $"Compares versions of {scope.ImageFamily}.", AiToolCall.Of(AiToolNames.CompareVersions, arguments));
    }

    private static TaskSpec Vulnerabilities(PromptText text, AiScope scope)
    {
        if (scope.ImageFamily is null)
        {
            return TaskSpec.Clarify("Vulnerabilities of which image?", "Name the image family (and version, or the golden one is used).");
        }

        var severity = Severities.FirstOrDefault(text.HasWord);
        var arguments = new Dictionary<string, object>(StringComparer.Ordinal) { ["imageFamily"] = scope.ImageFamily };
        if (scope.ImageVersion is not null)
        {
            arguments["version"] = scope.ImageVersion;
        }

        if (severity is not null)
        {
            arguments["minSeverity"] = severity;
        }

        return Spec(AiIntent.Vulnerabilities, Only(scope, family: true, version: true), $"Reads the vulnerabilities of {scope.ImageFamily}.", AiToolCall.Of(AiToolNames.ImageVulnerabilities, arguments));
    }

    private static TaskSpec Drill(PromptText text, AiScope scope)
    {
        if (scope.DrPair is null)
        {
            return TaskSpec.Clarify("A drill needs a DR pair; I will not pick one.", "Which DR pair should be drilled?");
        }

        var kind = text.Has("planned failover", "planned") ? "planned_failover" : "test_failover";
        var dryRun = text.Has("dry run", "dry-run");
        return Spec(AiIntent.DrDrill, Only(scope, pair: true), $"Reads {scope.DrPair}'s readiness, then proposes a {kind.Replace('_', ' ')} drill{(dryRun ? " (dry run)" : string.Empty)}: after your approval it starts and waits for its own approval.",
            AiToolCall.Of(AiToolNames.DrReadiness, new { pair = scope.DrPair }),
            AiToolCall.Of(AiToolNames.ProposeDrill, new { pair = scope.DrPair, kind, dryRun })) with
        {
            Parameters = new Dictionary<string, string>(StringComparer.Ordinal) { ["kind"] = kind, ["dryRun"] = dryRun ? "true" : "false" },
        };
    }

    private static TaskSpec Audit(PromptText text)
    {
        var arguments = new Dictionary<string, object>(StringComparer.Ordinal);
        if (DaysPattern().Match(text.Lower) is { Success: true } days)
        {
            arguments["sinceDays"] = int.Parse(days.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (text.Has("today", "last 24 hours"))
        {
            arguments["sinceDays"] = 1;
        }
        else if (text.Has("this week", "last week"))
        {
            arguments["sinceDays"] = 7;
        }

        if (text.Tokens.FirstOrDefault(t => t.StartsWith("user:", StringComparison.Ordinal) || t.StartsWith("key:", StringComparison.Ordinal)) is { } actor)
        {
            arguments["actor"] = actor;
        }

        return Spec(AiIntent.AuditQuery, new AiScope(), "Reads the audit log, newest first.", AiToolCall.Of(AiToolNames.AuditQuery, arguments));
    }

    private static Dictionary<string, object> RolloutArguments(PromptText text, AiScope scope, string? patchSet)
    {
        var arguments = new Dictionary<string, object>(StringComparer.Ordinal);
        if (patchSet is not null)
        {
            arguments["patchSet"] = patchSet;
        }
        else
        {
            arguments["imageFamily"] = scope.ImageFamily!;
            if (scope.ImageVersion is not null)
            {
                arguments["imageVersion"] = scope.ImageVersion;
            }
        }

        Add(arguments, "environments", scope.Environments);
        Add(arguments, "sites", scope.Sites);
        Add(arguments, "platforms", scope.Platforms);
        if (scope.Tags.Count > 0)
        {
            arguments["tags"] = scope.Tags;
        }

        if (CanaryCount(text) is { } canary)
        {
            arguments["canaryCount"] = canary;
        }

        if (WaitPattern().Match(text.Lower) is { Success: true } wait)
        {
            arguments["waitMinutes"] = int.Parse(wait.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (text.Has("no wait", "without waiting", "no waiting"))
        {
            arguments["waitMinutes"] = 0;
        }

        return arguments;
    }

    private static int? CanaryCount(PromptText text) =>
        CanaryPattern().Match(text.Lower) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)
        : text.Has("no canary", "without canary", "without a canary") ? 0
        : text.HasStem("canary") ? 1
        : null;

    private static Dictionary<string, object> Filters(AiScope scope, bool family)
    {
        var filters = new Dictionary<string, object>(StringComparer.Ordinal);
        AddOne(filters, "environment", scope.Environments);
        AddOne(filters, "site", scope.Sites);
        AddOne(filters, "platform", scope.Platforms);
        if (family && scope.ImageFamily is not null)
        {
            filters["imageFamily"] = scope.ImageFamily;
        }

        return filters;
    }

    private static Dictionary<string, object> AssetFilters(AiScope scope)
    {
        var filters = Filters(scope, family: true);
        if (scope.Tags.Count > 0)
        {
            filters["tags"] = scope.Tags;
        }

        return filters;
    }

    private static void Add(Dictionary<string, object> arguments, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            arguments[name] = values;
        }
    }

    private static void AddOne(Dictionary<string, object> arguments, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            arguments[name] = values[0];
        }
    }

    /// <summary>The scope narrowed to what the intent uses.</summary>
    private static AiScope Only(AiScope scope, bool family = false, bool filters = false, bool version = false, bool pair = false) => new()
    {
        Environments = filters ? scope.Environments : [],
        Sites = filters ? scope.Sites : [],
        Platforms = filters ? scope.Platforms : [],
        Tags = filters ? scope.Tags : new Dictionary<string, string>(),
        ImageFamily = family ? scope.ImageFamily : null,
        ImageVersion = version ? scope.ImageVersion : null,
        PatchSet = family ? scope.PatchSet : null,
        DrPair = pair ? scope.DrPair : null,
    };

    private static TaskSpec Spec(AiIntent intent, AiScope scope, string explanation, params AiToolCall[] calls)
    {
        var risk = calls.Select(c => Tools.AiToolCatalog.Find(c.Tool)?.Risk ?? AiRisk.StateChangeProd).DefaultIfEmpty(AiRisk.ReadOnly).Max();
        return new TaskSpec { Intent = intent, Agent = AiAgents.For(intent), Scope = scope, ToolCalls = calls, Risk = risk, Explanation = explanation };
    }

    [GeneratedRegex(@"(?:last|past)\s+(\d{1,3})\s+days?", RegexOptions.CultureInvariant)]
    private static partial Regex DaysPattern();

    [GeneratedRegex(@"wait (\d{1,4}) min", RegexOptions.CultureInvariant)]
    private static partial Regex WaitPattern();

    [GeneratedRegex(@"canary (?:of |with )?(\d{1,4})", RegexOptions.CultureInvariant)]
    private static partial Regex CanaryPattern();

}
