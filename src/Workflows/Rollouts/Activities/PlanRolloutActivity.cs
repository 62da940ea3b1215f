using Qlrf.Workflows.Rollouts.Planning;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>Plans the rollout (scope, risk, strategy, stages, policies) and stores the plan; a repeat returns the stored plan.</summary>
public sealed class PlanRolloutActivity(RolloutPlanning planning) : Activity<RolloutInput, PlannedRollout>
{
    public override async Task<PlannedRollout> RunAsync(ActivityContext context, RolloutInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        using var span = RolloutTelemetry.ActivitySource.StartActivity("rollout.plan");
        span?.SetTag("qlrf.rollout.id", input.RolloutId);
        return await planning.PlanAsync(input.Organisation, input.RolloutId, context.CancellationToken);
    }
}
