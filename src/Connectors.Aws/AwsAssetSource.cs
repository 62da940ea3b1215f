using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Aws;

/// <summary>
/// Discovers EC2 instances in every configured region of every configured account (through STS
/// AssumeRole), with the family and version of their AMIs. Pages stream through: each page's instances
/// go to the sink once their AMIs are known, and only the AMIs seen so far are remembered.
/// </summary>
public sealed class AwsAssetSource : IAssetSource, IDisposable
{
    private const int ImagesPerCall = 100;
    private readonly AssetSourceDefinition definition;
    private readonly AwsSourceOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly ResilientHttpClient http;
    private readonly AwsCredentialSource credentials;
    private readonly Ec2AssetMapper mapper;

    internal AwsAssetSource(AssetSourceDefinition definition, AwsSourceOptions options, string settingPath, HttpClient client, TimeProvider time, ILogger logger)
    {
        this.definition = definition;
        this.options = options;
        this.time = time;
        this.logger = logger;
        http = new ResilientHttpClient(client, options.Http, time, logger, "aws")
        {
            IsThrottled = Ec2Xml.IsThrottled,
            DescribeError = Ec2Xml.DescribeError,
        };
        credentials = new AwsCredentialSource(options, settingPath, definition.Name, time);
        mapper = new Ec2AssetMapper(options);
    }

    public string Name => definition.Name;

    public string Organisation => definition.Organisation;

    public Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var accounts = options.Accounts.Count == 0 ? [null] : options.Accounts.Cast<AwsAccountOptions?>().ToList();
        var scopes = accounts.SelectMany(a => options.Regions.Select(r => (Account: a, Region: r))).ToList();
        return ScopeSweep.RunAsync(
            Name,
            scopes,
            options.MaxParallelScopes,
            sink,
            logger,
            "aws",
            s => new SweepScope(
                $"{Name}/{s.Account?.AccountId ?? "default"}/{s.Region}",
                $"region {s.Region} of account {s.Account?.AccountId ?? "(base credentials)"}"),
            (s, scopeSink, token) => ReadRegionAsync(s.Account, s.Region, scopeSink, token),
            cancellationToken);
    }

    private async Task ReadRegionAsync(AwsAccountOptions? account, string region, ISweepSink sink, CancellationToken cancellationToken)
    {
        var endpoint = new Uri(options.Endpoint.Replace("{region}", region, StringComparison.Ordinal));
        var client = new Ec2QueryClient(http, endpoint, region, token => credentials.ForAccountAsync(account, token), time);
        if (account?.AccountId is { } accountId)
        {
            sink.AddSite(new Site(Ec2AssetMapper.SiteName(accountId, region), Platform.Aws, region, SiteKind.CloudRegion));
        }

        var images = new Dictionary<string, Ec2Image?>(StringComparer.Ordinal);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var (count, pages) = (0, 0);
        string? nextToken = null;
        do
        {
            var page = await client.DescribeInstancesAsync(nextToken, options.PageSize, cancellationToken);
            pages++;
            await LookUpImagesAsync(client, page.Instances, images, cancellationToken);
            foreach (var instance in page.Instances)
            {
                if (account is null)
                {
                    sink.AddSite(new Site(Ec2AssetMapper.SiteName(instance.OwnerId, region), Platform.Aws, region, SiteKind.CloudRegion));
                }

                sink.AddAsset(mapper.Map(instance, instance.ImageId is { } ami ? images.GetValueOrDefault(ami) : null, region));
                count++;
            }

            nextToken = page.NextToken;
            if (nextToken is not null && !tokens.Add(nextToken))
            {
                throw new MalformedResponseException($"DescribeInstances {region}", "the same NextToken came back twice; paging would not end.");
            }
        }
        while (nextToken is not null);

        AwsLogs.RegionRead(logger, Name, count, region, account?.AccountId ?? "(base)", pages, images.Count);
    }

    private async Task LookUpImagesAsync(Ec2QueryClient client, IReadOnlyList<Ec2Instance> instances, Dictionary<string, Ec2Image?> images, CancellationToken cancellationToken)
    {
        var unknown = instances.Select(i => i.ImageId).OfType<string>().Where(id => !images.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in unknown.Chunk(ImagesPerCall))
        {
            foreach (var id in batch)
            {
                images[id] = null;
            }

            foreach (var image in await client.DescribeImagesAsync(batch, options.ImageOwners, cancellationToken))
            {
                images[image.ImageId] = image;
            }
        }
    }

    public void Dispose()
    {
        credentials.Dispose();
        http.Http.Dispose();
    }
}
