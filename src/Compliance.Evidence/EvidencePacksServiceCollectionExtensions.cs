using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Orchestration;

namespace Qlrf.Compliance.Evidence;

public static class EvidencePacksServiceCollectionExtensions
{
    /// <summary>
    /// Registers evidence packs: the signing key (<c>Qlrf:Compliance:Signing</c>, checked at start-up), the scoper and
    /// writer, the launcher, and the orchestrator with its activities. Needs a store for the packs (<see cref="AddEvidencePackFiles"/>
    /// locally, blobs on Azure), the workflow core, and an <see cref="IComplianceEvaluator"/> (the compliance engine),
    /// which is resolved only when a pack is made.
    /// </summary>
    public static IHostApplicationBuilder AddEvidencePacks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptions<EvidencePackSigningOptions>().BindConfiguration(EvidencePackSigningOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<EvidencePackSigningOptions>, EvidencePackSigningOptionsValidator>();
        builder.Services.TryAddSingleton<EvidencePackSigningKey>();
        builder.Services.TryAddSingleton<EvidenceScoper>();
        builder.Services.TryAddSingleton<EvidencePackWriter>();
        builder.Services.TryAddSingleton<EvidencePackLauncher>();
        builder.Services.AddOrchestrationTasks(r => r
            .AddOrchestrator<EvidencePackOrchestrator>(nameof(EvidencePackOrchestrator))
            .AddActivity<ScopeEvidencePackActivity>(nameof(ScopeEvidencePackActivity))
            .AddActivity<WriteEvidencePackActivity>(nameof(WriteEvidencePackActivity))
            .AddActivity<CompleteEvidencePackActivity>(nameof(CompleteEvidencePackActivity))
            .AddActivity<FailEvidencePackActivity>(nameof(FailEvidencePackActivity)));
        return builder;
    }

    /// <summary>
    /// Stores packs as files under <paramref name="dataDirectory"/><c>/evidence-packs</c>, and, unless a key is configured,
    /// keeps a generated signing key at <paramref name="dataDirectory"/><c>/evidence-signing-key.pem</c>.
    /// </summary>
    public static IHostApplicationBuilder AddEvidencePackFiles(this IHostApplicationBuilder builder, string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        return builder.AddEvidencePackFiles(_ => dataDirectory);
    }

    /// <summary>
    /// As <see cref="AddEvidencePackFiles(IHostApplicationBuilder, string)"/>, with the data directory resolved from the
    /// built services (so configuration added after registration, such as a test host's store path, is honoured).
    /// </summary>
    public static IHostApplicationBuilder AddEvidencePackFiles(this IHostApplicationBuilder builder, Func<IServiceProvider, string> dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        builder.Services.TryAddSingleton<IEvidencePackStore>(sp => new FileEvidencePackStore(Path.Combine(dataDirectory(sp), "evidence-packs")));
        builder.Services.AddOptions<EvidencePackSigningOptions>()
            .PostConfigure<IServiceProvider>((o, sp) => o.LocalKeyPath ??= Path.Combine(dataDirectory(sp), "evidence-signing-key.pem"));
        return builder;
    }
}
