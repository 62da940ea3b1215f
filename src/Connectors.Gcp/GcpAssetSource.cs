using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Gcp;

/// <summary>
/// Discovers Compute Engine instances in every configured project, with their boot disks' source images
/// and image families. Per project: the disks' source images are listed first (aggregated, paged), then
/// the instances page by page; each image is looked up once. Zones that do not answer make the sweep partial.
/// </summary>
public sealed class GcpAssetSource : IAssetSource, IDisposable
{
    private readonly AssetSourceDefinition definition;
    private readonly GcpSourceOptions options;
    private readonly ILogger logger;
    private readonly GcpCredentialSource credentials;
    private readonly GcpComputeClient client;
    private readonly GceAssetMapper mapper;
    private readonly HttpClient httpClient;

    internal GcpAssetSource(AssetSourceDefinition definition, GcpSourceOptions options, string settingPath, HttpClient httpClient, TimeProvider time, ILogger logger)
    {
        this.definition = definition;
        this.options = options;
        this.logger = logger;
        this.httpClient = httpClient;
        credentials = new GcpCredentialSource(options.Credentials, settingPath);
        var http = new ResilientHttpClient(httpClient, options.Http, time, logger, "gcp", new ConnectorRetryRules { IsThrottled = GcpComputeClient.IsThrottled })
        {
            DescribeError = GcpComputeClient.DescribeError,
        };
        client = new GcpComputeClient(http, new Uri(options.Endpoint.TrimEnd('/') + "/"), credentials);
        mapper = new GceAssetMapper(options);
    }

    public string Name => definition.Name;

    public string Organisation => definition.Organisation;

    public Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken) =>
        ScopeSweep.RunAsync(
            Name,
            options.Projects,
            options.MaxParallelScopes,
            sink,
            logger,
            "gcp",
            p => new SweepScope($"{Name}/{p}", $"project {p}"),
            ReadProjectAsync,
            cancellationToken);

    private async Task ReadProjectAsync(string project, ISweepSink sink, CancellationToken cancellationToken)
    {
        var diskImages = new Dictionary<string, string>(StringComparer.Ordinal);
        await PageAsync(project, sink, (token, ct) => client.DisksAsync(project, token, options.PageSize, ct), page =>
        {
            foreach (var disk in page.Items!.Values.SelectMany(z => z.Disks ?? []))
            {
                if (disk.SelfLink is not null && GceAssetMapper.ImagePath(disk.SourceImage) is { } image)
                {
                    diskImages[Path(disk.SelfLink)] = image;
                }
            }

            return Task.CompletedTask;
        }, cancellationToken);

        var images = new Dictionary<string, GceImage?>(StringComparer.Ordinal);
        var count = 0;
        await PageAsync(project, sink, (token, ct) => client.InstancesAsync(project, token, options.PageSize, ct), async page =>
        {
            foreach (var instance in page.Items!.Values.SelectMany(z => z.Instances ?? []))
            {
                var boot = instance.Disks?.FirstOrDefault(d => d.Boot)?.Source;
                var imagePath = boot is null ? null : diskImages.GetValueOrDefault(Path(boot));
                if (imagePath is not null && !images.ContainsKey(imagePath))
                {
                    images[imagePath] = await client.ImageAsync(imagePath, cancellationToken);
                }

                var asset = mapper.Map(project, instance, imagePath, imagePath is null ? null : images[imagePath]);
                sink.AddSite(new Site(asset.Site, Platform.Gcp, GceAssetMapper.Region(instance.Zone?[(instance.Zone.LastIndexOf('/') + 1)..] ?? "unknown"), SiteKind.CloudRegion));
                sink.AddAsset(asset);
                count++;
            }
        }, cancellationToken);
        GcpLogs.ProjectRead(logger, Name, count, project, images.Count);
    }

    /// <summary>Pages through an aggregated list; zones it reports unreachable, or warns of, are scope failures.</summary>
    private async Task PageAsync<T>(
        string project,
        ISweepSink sink,
        Func<string?, CancellationToken, Task<AggregatedList<T>>> fetch,
        Func<AggregatedList<T>, Task> consume,
        CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        string? pageToken = null;
        do
        {
            var page = await fetch(pageToken, cancellationToken);
            page = page with { Items = page.Items ?? [] };
            await consume(page);
            foreach (var zone in (page.Unreachables ?? []).Where(seen.Add))
            {
                sink.ReportScopeFailure($"{Name}/{project}/{zone}", $"Source '{Name}', project {project}: {zone} did not answer (listed as unreachable).");
            }

            pageToken = string.IsNullOrEmpty(page.NextPageToken) ? null : page.NextPageToken;
        }
        while (pageToken is not null && seen.Add("page:" + pageToken));
    }

    /// <summary>A resource URL from its <c>projects/</c> segment on, so that links from different hosts compare equal.</summary>
    private static string Path(string url) => url.IndexOf("projects/", StringComparison.Ordinal) is var at and >= 0 ? url[at..] : url;

    public void Dispose()
    {
        credentials.Dispose();
        httpClient.Dispose();
    }
}
