using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Ai.Planning;
using Qlrf.Ai.Tasks;
using Qlrf.Ai.Tools;
using Qlrf.Ai.Validation;
using Qlrf.Orchestration;

namespace Qlrf.Ai;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AI copilot (section <c>Qlrf:Ai</c>): the tools, the validation pipeline, the planner (the rule-based
    /// one unless a model is configured), the task service, and the AI task orchestration with its activities. Needs the
    /// stores, the workflow core, rollouts, drills and drift registered.
    /// </summary>
    public static IHostApplicationBuilder AddAiCopilot(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddAiTaskWorkflow();
        var services = builder.Services;
        services.AddOptions<AiOptions>().BindConfiguration(AiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AiTools>();
        services.AddSingleton<IAiToolRunner>(sp => sp.GetRequiredService<AiTools>());
        services.AddSingleton<AiPlanValidator>();
        services.AddSingleton<AiVocabularyReader>();
        services.AddSingleton<RuleBasedPlanner>();
        services.TryAddSingleton<IAiPlanner>(sp => sp.GetRequiredService<RuleBasedPlanner>());
        services.AddSingleton<AiTaskService>();
        return builder;
    }

    /// <summary>
    /// Registers what the AI task orchestration runs (for the app that runs orchestrations): the orchestrator, its
    /// activities and the proposals they make through the rollout and drill launchers. Needs rollouts and drills registered.
    /// </summary>
    public static IHostApplicationBuilder AddAiTaskWorkflow(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AiRolloutRequests>();
        services.TryAddSingleton<AiProposals>();
        services.TryAddSingleton<AiTaskWriter>();
        services.AddOrchestrationTasks(r => r
            .AddOrchestrator<AiTaskOrchestrator>(nameof(AiTaskOrchestrator))
            .AddActivity<ExpireAiTaskActivity>(nameof(ExpireAiTaskActivity))
            .AddActivity<StartAiProposalsActivity>(nameof(StartAiProposalsActivity))
            .AddActivity<FollowAiProposalsActivity>(nameof(FollowAiProposalsActivity))
            .AddActivity<FinishAiTaskActivity>(nameof(FinishAiTaskActivity)));
        return builder;
    }
}
