using Qlrf.Ai.Planning;

namespace Qlrf.Ai.Tests;

/// <summary>The evaluation set through the rule-based planner: the targets, held on every build.</summary>
public sealed class EvaluationSetTests
{
    private static readonly IReadOnlyList<AiEvalCase> Cases = AiEvaluation.ReadCases(Samples.PathOf("ai-eval.jsonl"));
    private static readonly AiVocabulary Vocabulary = AiEvaluation.ReadVocabulary(Samples.PathOf("ai-eval-vocabulary.json"));

    [Fact]
    public void The_set_holds_at_least_60_requests_with_refused_and_asked_back_ones()
    {
        Assert.True(Cases.Count >= 60, $"{Cases.Count} requests");
        Assert.True(Cases.Count(c => c.Intent == AiIntent.Refuse) >= 5);
        Assert.True(Cases.Count(c => c.Intent == AiIntent.Clarify) >= 5);
        Assert.All(Cases.Where(c => c.Intent is AiIntent.Refuse or AiIntent.Clarify), c => Assert.Empty(c.Tools));
    }

    [Fact]
    public async Task The_rule_based_planner_gets_at_least_90_percent_of_intents_and_scopes_exactly_right()
    {
        var outcomes = await AiEvaluation.RunAsync(new RuleBasedPlanner(), Cases, Vocabulary, CancellationToken.None);

        var wrong = outcomes.Where(o => !o.ScopeRight).Select(o => $"{o.Case.Request}: {o.Plan.Intent} {o.Plan.Scope.Canonical()} (expected {o.Case.Intent} {o.Case.Scope.Canonical()})").ToList();
        Assert.True(outcomes.Count(o => o.ScopeRight) >= 0.9 * outcomes.Count, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task No_request_that_expects_no_change_gets_a_state_changing_tool()
    {
        var outcomes = await AiEvaluation.RunAsync(new RuleBasedPlanner(), Cases, Vocabulary, CancellationToken.None);

        Assert.Empty(outcomes.Where(o => o.UnwantedStateChange).Select(o => o.Case.Request));
        Assert.All(outcomes.Where(o => o.Case.Intent == AiIntent.Refuse), o => Assert.Empty(o.Plan.ToolCalls));
    }
}
