using System.Text.Json;
using Qlrf.Ai.Tools;
using Qlrf.Json;
using Qlrf.Security;

namespace Qlrf.Ai.Planning;

/// <summary>
/// One request of the evaluation set and what the planner must make of it. <see cref="Set"/> is <c>holdout</c> for the
/// requests written after the rules and never used to tune them; the rest were written with them.
/// </summary>
public sealed record AiEvalCase(string Request, AiIntent Intent, AiScope Scope, IReadOnlyList<string> Tools, bool StateChange, string? Set = null)
{
    public bool IsHoldout => Set == "holdout";
}

/// <summary>How the planner did on one case.</summary>
public sealed record AiEvalOutcome(AiEvalCase Case, TaskSpec Plan, bool IntentRight, bool ScopeRight, bool ToolsRight, bool UnwantedStateChange);

/// <summary>Accuracy on one intent: cases, exact intent, exact intent and scope, exact tools.</summary>
public sealed record AiEvalScore(AiIntent Intent, int Cases, int IntentRight, int IntentAndScopeRight, int ToolsRight);

/// <summary>
/// Runs the evaluation set (<c>samples/ai-eval.jsonl</c>, over the vocabulary of <c>samples/ai-eval-vocabulary.json</c>)
/// through a planner and scores it: exact intent, exact intent and scope, exact tools, and any state change proposed
/// where none was expected (refused and asked-back requests included).
/// </summary>
public static class AiEvaluation
{
    /// <summary>The caller the set is planned for: an admin of an evaluation organisation.</summary>
    public static readonly Principal Evaluator = Principal.User("eval", "evaluator", [new RoleGrant(Role.Admin, RoleScope.Organisation)]);

    public static IReadOnlyList<AiEvalCase> ReadCases(string path) =>
        File.ReadLines(path).Where(l => l.Trim().Length > 0).Select(l => QlrfJson.Deserialize<AiEvalCase>(l)!).ToList();

    public static AiVocabulary ReadVocabulary(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        HashSet<string> Set(string name) => root.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal);
        return new AiVocabulary
        {
            Environments = Set("environments"),
            Sites = Set("sites"),
            Families = Set("families"),
            Pairs = Set("pairs"),
            PatchSets = Set("patchSets"),
            Tags = root.GetProperty("tags").EnumerateObject().ToDictionary(
                p => p.Name, p => (IReadOnlySet<string>)p.Value.EnumerateArray().Select(e => e.GetString()!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal),
            Certificates = root.TryGetProperty("certificates", out var certificates)
                ? certificates.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
                : new Dictionary<string, string>(StringComparer.Ordinal),
        };
    }

    public static async Task<IReadOnlyList<AiEvalOutcome>> RunAsync(IAiPlanner planner, IEnumerable<AiEvalCase> cases, AiVocabulary vocabulary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(cases);
        var outcomes = new List<AiEvalOutcome>();
        foreach (var c in cases)
        {
            var plan = (await planner.PlanAsync(new AiPlanningRequest(Evaluator, c.Request, vocabulary), cancellationToken)).Plan;
            var intentRight = plan.Intent == c.Intent;
            var stateChange = plan.ToolCalls.Any(t => AiToolCatalog.Find(t.Tool)?.Risk.IsStateChange() != false);
            outcomes.Add(new AiEvalOutcome(
                c,
                plan,
                intentRight,
                intentRight && plan.Scope.Canonical() == c.Scope.Canonical(),
                plan.ToolCalls.Select(t => t.Tool).SequenceEqual(c.Tools),
                stateChange && !c.StateChange));
        }

        return outcomes;
    }

    public static IReadOnlyList<AiEvalScore> Score(IEnumerable<AiEvalOutcome> outcomes) =>
        outcomes.GroupBy(o => o.Case.Intent).OrderBy(g => g.Key)
            .Select(g => new AiEvalScore(g.Key, g.Count(), g.Count(o => o.IntentRight), g.Count(o => o.ScopeRight), g.Count(o => o.ToolsRight)))
            .ToList();
}
