using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Certificates;

public static class CertificateRotationsServiceCollectionExtensions
{
    /// <summary>
    /// Registers certificate rotations: the launcher, the orchestrator and its activities, and the sweep step proposing
    /// rotations of certificates near expiry (<see cref="RotationProposals"/>). Needs the workflow core, the certificate
    /// inventory (<c>AddCertificates</c>), a certificate store, and the issuers and deployers of the stores rotated.
    /// </summary>
    public static IHostApplicationBuilder AddCertificateRotations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<CertificateRotationLauncher>();
        builder.Services.AddOrchestrationTasks(r => r
            .AddOrchestrator<CertificateRotationOrchestrator>(nameof(CertificateRotationOrchestrator))
            .AddActivity<PlanRotationActivity>(nameof(PlanRotationActivity))
            .AddActivity<ReadRotationActivity>(nameof(ReadRotationActivity))
            .AddActivity<SetRotationStatusActivity>(nameof(SetRotationStatusActivity))
            .AddActivity<IssueVersionActivity>(nameof(IssueVersionActivity))
            .AddActivity<DeployUsageActivity>(nameof(DeployUsageActivity))
            .AddActivity<RestoreVersionActivity>(nameof(RestoreVersionActivity))
            .AddActivity<ValidateEndpointActivity>(nameof(ValidateEndpointActivity))
            .AddActivity<SweepCertificateSourceActivity>(nameof(SweepCertificateSourceActivity)));
        builder.Services.AddSingleton<Qlrf.Certificates.Sweeps.ICertificateSweepStep, RotationProposals>();
        return builder;
    }
}
