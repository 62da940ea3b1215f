using Qlrf.Json;
using Qlrf.Rollouts;

namespace Qlrf.Ai.Tools;

public sealed partial class AiTools
{
    private async Task<AiToolOutput> CalculateRiskAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var request = await rolloutRequests.ReadAsync(organisation, call, cancellationToken);
        var draft = await planning.DraftAsync(organisation, "ai-risk", request, cancellationToken);
        return AiToolOutput.Of(
            $"risk {draft.Risk.Score:0} ({EnumText<RiskLevel>.Of(draft.Risk.Level)}) for {draft.Plan.AssetCount} asset(s) to {request.Target}",
            new
            {
                target = request.Target.ToString(),
                assets = draft.Plan.AssetCount,
                score = Math.Round(draft.Risk.Score, 1),
                level = draft.Risk.Level,
                factors = draft.Risk.Contributions.Select(c => new { factor = c.Factor, points = Math.Round(c.Points, 1), c.Reason }).ToList(),
            });
    }

    private async Task<AiToolOutput> PlanRolloutAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var request = await rolloutRequests.ReadAsync(organisation, call, cancellationToken);
        var draft = await planning.DraftAsync(organisation, "ai-dry-run", request, cancellationToken);
        var verdict = draft.Unplannable is { } u ? $"cannot be planned: {u.Reason}"
            : draft.Violations.Count > 0 ? $"rejected by {string.Join(", ", draft.Violations.Select(v => v.RuleId))}"
            : "allowed by the policies";
        return AiToolOutput.Of(
            $"{draft.Plan.AssetCount} asset(s) to {request.Target} in {draft.Plan.Stages.Count} stage(s), risk {draft.Risk.Score:0}, {verdict}, {draft.RequiredApprovals} approval(s) needed",
            new
            {
                target = request.Target.ToString(),
                assets = draft.Plan.AssetCount,
                alreadyOnTarget = draft.AlreadyOnTarget,
                environments = draft.Environments,
                stages = draft.Plan.Stages.Select(s => new { s.Name, batches = s.Batches.Count, assets = s.Batches.Sum(b => b.Count) }).ToList(),
                risk = new { score = Math.Round(draft.Risk.Score, 1), level = draft.Risk.Level },
                violations = draft.Violations.Select(v => new { v.RuleId, v.Reason }).ToList(),
                unplannable = draft.Unplannable?.Reason,
                requiredApprovals = draft.RequiredApprovals,
            });
    }
}
