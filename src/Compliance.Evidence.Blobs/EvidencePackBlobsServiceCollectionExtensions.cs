using Azure.Core;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Qlrf.Compliance.Evidence.Blobs;

public static class EvidencePackBlobsServiceCollectionExtensions
{
    /// <summary>Stores evidence packs in Azure Blob Storage (<c>Qlrf:Compliance:EvidencePacks:Blobs</c>), reached with the app's <see cref="TokenCredential"/>.</summary>
    public static IHostApplicationBuilder AddEvidencePackBlobs(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<EvidencePackBlobOptions>().BindConfiguration(EvidencePackBlobOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IEvidencePackStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EvidencePackBlobOptions>>().Value;
            var service = new BlobServiceClient(options.Endpoint, sp.GetRequiredService<TokenCredential>());
            return new BlobEvidencePackStore(service.GetBlobContainerClient(options.Container));
        });
        return builder;
    }
}
