using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Dr;
using Qlrf.Workflows.Drills.Activities;
using Qlrf.Orchestration;
using Qlrf.Triggers;

namespace Qlrf.Workflows.Drills;

public static class DrillsServiceCollectionExtensions
{
    /// <summary>
    /// Registers DR drills (section <c>Qlrf:Dr</c>): the drill orchestration and its activities, the launcher the
    /// API and the scheduler share, and the scheduler's timer function (on <c>QLRF_DR_SCHEDULE</c>, else <c>Qlrf:Dr:SchedulerSchedule</c>). Needs the workflow core
    /// (<see cref="OrchestrationCoreServiceCollectionExtensions.AddWorkflowCore"/>), DR stores and a DR executor registered.
    /// </summary>
    public static IHostApplicationBuilder AddDrills(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DrOptions>().BindConfiguration(DrOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DrOptions>, DrOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DrExecutors>();
        services.AddSingleton<DrPairWorkloads>();
        services.AddSingleton<DrillCoverage>();
        services.AddSingleton<DrillLauncher>();
        services.AddSingleton<DrillSchedulingFunctions>();
        services.AddTimerFunctions(t => t.Add<DrillSchedulingFunctions>(
            nameof(DrillSchedulingFunctions.StartDueDrillsAsync),
            DrillSchedulingFunctions.ScheduleSetting,
            sp => sp.GetRequiredService<IOptions<DrOptions>>().Value.SchedulerSchedule,
            async (f, _, ct) => await f.StartDueDrillsAsync(ct)));
        services.AddOrchestrationTasks(r => r
            .AddOrchestrator<DrillOrchestrator>(nameof(DrillOrchestrator))
            .AddActivity<DrillPreCheckActivity>(nameof(DrillPreCheckActivity))
            .AddActivity<StartDrJobActivity>(nameof(StartDrJobActivity))
            .AddActivity<GetDrJobActivity>(nameof(GetDrJobActivity))
            .AddActivity<CheckRecoveryActivity>(nameof(CheckRecoveryActivity))
            .AddActivity<DrillPostCheckActivity>(nameof(DrillPostCheckActivity))
            .AddActivity<RecordDrillProgressActivity>(nameof(RecordDrillProgressActivity))
            .AddActivity<FinishDrillActivity>(nameof(FinishDrillActivity)));
        return builder;
    }
}
