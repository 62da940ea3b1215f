using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Workflows.Rollouts.Activities;
using Qlrf.Workflows.Rollouts.PatchSets;
using Qlrf.Workflows.Rollouts.Planning;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Rollouts;

public static class RolloutsServiceCollectionExtensions
{
    /// <summary>
    /// Registers rollouts (section <c>Qlrf:Rollouts</c>): the orchestrator and its activities, planning, the
    /// safety policies and the patch-set catalogue (both files are read and checked at start-up). Needs the workflow core
    /// (<see cref="OrchestrationCoreServiceCollectionExtensions.AddWorkflowCore"/>), a rollout store, discovery
    /// and at least one platform executor.
    /// </summary>
    public static IHostApplicationBuilder AddRollouts(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<RolloutOptions>().BindConfiguration(RolloutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<RolloutOptions>, RolloutOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RolloutPolicies>();
        services.AddSingleton<RolloutPatchSets>();
        services.AddSingleton<RolloutExecutors>();
        services.AddSingleton<AssetProgress>();
        services.AddSingleton<ScopeResolution>();
        services.AddSingleton<ExecutorCoverage>();
        services.AddSingleton<RiskInputs>();
        services.AddSingleton<RolloutPlanning>();
        services.AddSingleton<RolloutLauncher>();
        services.AddOrchestrationTasks(r => r
            .AddOrchestrator<RolloutOrchestrator>(nameof(RolloutOrchestrator))
            .AddActivity<PlanRolloutActivity>(nameof(PlanRolloutActivity))
            .AddActivity<SetRolloutStatusActivity>(nameof(SetRolloutStatusActivity))
            .AddActivity<ApplyImageActivity>(nameof(ApplyImageActivity))
            .AddActivity<CheckBatchHealthActivity>(nameof(CheckBatchHealthActivity))
            .AddActivity<RollbackAssetActivity>(nameof(RollbackAssetActivity))
            .AddActivity<ApplyPatchSetActivity>(nameof(ApplyPatchSetActivity))
            .AddActivity<RemovePatchSetActivity>(nameof(RemovePatchSetActivity))
            .AddActivity<SweepSourcesActivity>(nameof(SweepSourcesActivity)));
        return builder;
    }
}
