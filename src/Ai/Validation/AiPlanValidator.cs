using Qlrf.Ai.Tools;
using Qlrf.Security;

namespace Qlrf.Ai.Validation;

/// <summary>A plan checked: every problem found, each call's risk, the plan's risk and the environments its proposals touch.</summary>
public sealed record ValidatedPlan(TaskSpec Plan, PlanValidation Validation, IReadOnlyList<AiRisk> CallRisks, IReadOnlyList<string> Environments);

/// <summary>
/// The checks every plan passes before a person sees it, all of them, so the plan shows every reason: each call's
/// arguments against its tool's schema; the caller's permission for each tool (for a proposal, in every environment it
/// touches); the rollout policies and the scope (through a dry run of each proposal, in the caller's organisation only);
/// and the autonomy mode.
/// </summary>
public sealed class AiPlanValidator(IAccessEvaluator access, AiProposals proposals)
{
    public const int MaxToolCalls = 12;

    public async Task<ValidatedPlan> ValidateAsync(Principal caller, TaskSpec plan, AiAutonomy autonomy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(plan);
        var problems = new List<PlanProblem>();
        var risks = new List<AiRisk>();
        var environments = new SortedSet<string>(StringComparer.Ordinal);
        if (plan.ToolCalls.Count > MaxToolCalls)
        {
            problems.Add(new PlanProblem(PlanCheck.Schema, $"a plan may make at most {MaxToolCalls} tool calls; this one makes {plan.ToolCalls.Count}."));
        }

        for (var i = 0; i < plan.ToolCalls.Count; i++)
        {
            var call = plan.ToolCalls[i];
            if (AiToolCatalog.Find(call.Tool) is not { } tool)
            {
                problems.Add(new PlanProblem(PlanCheck.Schema, $"'{call.Tool}' is not a tool.", i));
                risks.Add(AiRisk.StateChangeProd);
                continue;
            }

            var schema = AiToolSchema.Check(tool, call);
            problems.AddRange(schema.Select(p => new PlanProblem(PlanCheck.Schema, $"{tool.Name}: {p}", i)));
            if (schema.Count > 0)
            {
                risks.Add(tool.Risk);
                continue;
            }

            var touched = call.Text("environment") is { } one ? [one] : call.Texts("environments");
            var risk = tool.Risk;
            if (tool.Risk.IsStateChange())
            {
                var check = await proposals.CheckAsync(caller.Organisation, i, call, cancellationToken);
                problems.AddRange(check.Problems);
                risk = check.Risk;
                touched = check.Environments;
                environments.UnionWith(check.Environments);
                problems.AddRange(Autonomy(autonomy, i, tool, call));
            }

            risks.Add(risk);
            if (!await AllowedAsync(caller, tool.Permission, touched, cancellationToken))
            {
                var where = touched.Count == 0 ? "the organisation" : string.Join(", ", touched);
                problems.Add(new PlanProblem(PlanCheck.Permission, $"{tool.Name} needs the permission {PermissionNames.Of(tool.Permission)} in {where}.", i, PermissionNames.Of(tool.Permission)));
            }
        }

        var planRisk = risks.Count == 0 ? AiRisk.ReadOnly : risks.Max();
        return new ValidatedPlan(plan with { Risk = planRisk }, new PlanValidation(problems), risks, environments.ToList());
    }

    private async Task<bool> AllowedAsync(Principal caller, Permission permission, IReadOnlyList<string> environments, CancellationToken cancellationToken) =>
        environments.Count == 0
            ? await access.HasPermissionAsync(caller, permission, AccessScope.Of(caller.Organisation), cancellationToken)
            : await access.HasPermissionInEveryEnvironmentAsync(caller, permission, null, environments, cancellationToken);

    private static IEnumerable<PlanProblem> Autonomy(AiAutonomy autonomy, int index, AiToolDescriptor tool, AiToolCall call)
    {
        if (autonomy == AiAutonomy.PlanOnly)
        {
            yield return new PlanProblem(PlanCheck.Autonomy, $"autonomy plan_only allows no proposals; {tool.Name} would propose a change.", index);
        }
        else if (autonomy == AiAutonomy.CanaryOnly && tool.Name == AiToolNames.ProposeRollout && call.Whole("canaryCount") == 0)
        {
            yield return new PlanProblem(PlanCheck.Autonomy, "autonomy canary_only needs a canary: canaryCount 0 is not allowed.", index);
        }
    }
}
