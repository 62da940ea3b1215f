using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Compliance.Checks;
using Qlrf.Compliance.Engine;
using Qlrf.Compliance.Frameworks;
using Qlrf.Inventory;
using Qlrf.Triggers;

namespace Qlrf.Compliance;

public static class ComplianceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the compliance engine (section <c>Qlrf:Compliance</c>): the checks, the frameworks loaded from
    /// <see cref="ComplianceOptions.Directory"/> when the host starts (a wrong file stops it, naming the file, line and
    /// field), the evaluator, the incremental upkeep (an asset-change handler: call this after <c>AddDrift</c>, so drift
    /// is reconciled first; and the image-change listener), and the daily snapshot, a timer function on
    /// <see cref="ComplianceSnapshots.SnapshotScheduleSetting"/>. Needs the stores registered.
    /// </summary>
    public static IHostApplicationBuilder AddCompliance(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddComplianceEvaluation();
        var services = builder.Services;
        services.AddSingleton<IComplianceChangeListener>(sp => sp.GetRequiredService<ComplianceEngine>());
        services.AddSingleton<IAssetChangeHandler>(sp => sp.GetRequiredService<ComplianceEngine>());
        services.AddSingleton<ComplianceSnapshots>();
        services.AddTimerFunctions(t => t.Add<ComplianceSnapshots>(
            nameof(ComplianceSnapshots.RunDailyComplianceSnapshotsAsync),
            ComplianceSnapshots.SnapshotScheduleSetting,
            sp => sp.GetRequiredService<IOptions<ComplianceOptions>>().Value.SnapshotSchedule,
            (f, _, ct) => f.RunDailyComplianceSnapshotsAsync(ct)));
        return builder;
    }

    /// <summary>
    /// Registers only what evaluates controls (section <c>Qlrf:Compliance</c>): the checks, the frameworks loaded when the
    /// host starts and the engine as <see cref="IComplianceEvaluator"/>, without the upkeep or the snapshot timer. For an
    /// app that reads control results (the orchestration app's evidence packs) but does not keep them. Needs the stores.
    /// </summary>
    public static IHostApplicationBuilder AddComplianceEvaluation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ComplianceOptions>().BindConfiguration(ComplianceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddComplianceChecks();
        services.AddSingleton(sp =>
        {
            var directory = sp.GetRequiredService<IOptions<ComplianceOptions>>().Value.Directory;
            var catalogue = FrameworkCatalogue.Load(directory, sp.GetServices<IComplianceCheck>());
            var names = string.Join(", ", catalogue.Frameworks.Select(f => $"{f.Id} {f.Version}"));
            var logger = sp.GetRequiredService<ILogger<FrameworkCatalogue>>();
            ComplianceLogs.Loaded(logger, catalogue.Frameworks.Count, directory, names);
            return catalogue;
        });
        services.AddHostedService<FrameworkCatalogueStartup>();
        services.AddSingleton<ComplianceEngine>();
        services.AddSingleton<IComplianceEvaluator>(sp => sp.GetRequiredService<ComplianceEngine>());
        return builder;
    }

    /// <summary>The checks the framework files may name.</summary>
    public static IServiceCollection AddComplianceChecks(this IServiceCollection services)
    {
        services.AddSingleton<IComplianceCheck, GoldenImageCheck>();
        services.AddSingleton<IComplianceCheck, ImageVulnerabilityCheck>();
        services.AddSingleton<IComplianceCheck, ImageScannedCheck>();
        services.AddSingleton<IComplianceCheck, ImageSbomCheck>();
        services.AddSingleton<IComplianceCheck, DrDrillCheck>();
        services.AddSingleton<IComplianceCheck, ChangeApprovalCheck>();
        services.AddSingleton<IComplianceCheck, AuditChainCheck>();
        services.AddSingleton<IComplianceCheck, CertificateExpiryCheck>();
        services.AddSingleton<IComplianceCheck, DiscoveryCurrentCheck>();
        return services;
    }

    /// <summary>Loads the frameworks as the host starts, so a wrong file stops it at once rather than at the first request.</summary>
    private sealed class FrameworkCatalogueStartup(FrameworkCatalogue catalogue) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(catalogue);

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
