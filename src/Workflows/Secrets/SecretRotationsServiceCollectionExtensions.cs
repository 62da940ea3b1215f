using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Secrets;

public static class SecretRotationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers secret rotations: the launcher, the orchestrator and its activities. Needs the workflow core, the
    /// secret inventory (<c>AddSecrets</c>), a secret store, and the versioners and restarters of the stores rotated.
    /// </summary>
    public static IHostApplicationBuilder AddSecretRotations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<SecretRotationLauncher>();
        builder.Services.AddOrchestrationTasks(r => r
            .AddOrchestrator<SecretRotationOrchestrator>(nameof(SecretRotationOrchestrator))
            .AddActivity<PlanSecretRotationActivity>(nameof(PlanSecretRotationActivity))
            .AddActivity<ReadSecretRotationActivity>(nameof(ReadSecretRotationActivity))
            .AddActivity<SetSecretRotationStatusActivity>(nameof(SetSecretRotationStatusActivity))
            .AddActivity<AddSecretVersionActivity>(nameof(AddSecretVersionActivity))
            .AddActivity<RestoreSecretVersionActivity>(nameof(RestoreSecretVersionActivity))
            .AddActivity<RestartWorkloadActivity>(nameof(RestartWorkloadActivity))
            .AddActivity<CheckWorkloadActivity>(nameof(CheckWorkloadActivity))
            .AddActivity<SweepSecretSourceActivity>(nameof(SweepSecretSourceActivity)));
        return builder;
    }
}
