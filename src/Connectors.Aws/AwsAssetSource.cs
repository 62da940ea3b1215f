using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
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

    /// <summary>The states of instances that exist; terminated ones are left out.</summary>
    private static readonly string[] LiveStates = ["pending", "running", "shutting-down", "stopping", "stopped"];
    private readonly AssetSourceDefinition definition;
    private readonly AwsSourceOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly AwsCredentialSource credentials;
    private readonly Ec2AssetMapper mapper;

    internal AwsAssetSource(AssetSourceDefinition definition, AwsSourceOptions options, string settingPath, TimeProvider time, ILogger logger)
    {
        this.definition = definition;
        this.options = options;
        this.time = time;
        this.logger = logger;
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
        using var client = Ec2Clients.Create(options, new AccountCredentials(credentials, account), region, Math.Max(0, options.Http.MaxAttempts - 1));
        if (account?.AccountId is { } accountId)
        {
            sink.AddSite(new Site(Ec2AssetMapper.SiteName(accountId, region), Platform.Aws, region, SiteKind.CloudRegion));
        }

        var images = new Dictionary<string, Ec2Image?>(StringComparer.Ordinal);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var (count, pages) = (0, 0);
        var request = new DescribeInstancesRequest
        {
            MaxResults = options.PageSize,
            Filters = [new Filter("instance-state-name", [.. LiveStates])],
        };
        var operation = $"DescribeInstances {region}";
        try
        {
            await foreach (var page in client.Paginators.DescribeInstances(request).Responses.WithCancellation(cancellationToken))
            {
                pages++;
                var instances = (page.Reservations ?? []).SelectMany(r => (r.Instances ?? []).Select(i => Ec2Clients.Read(i, r.OwnerId))).ToList();
                await LookUpImagesAsync(client, region, instances, images, cancellationToken);
                foreach (var instance in instances)
                {
                    if (account is null)
                    {
                        sink.AddSite(new Site(Ec2AssetMapper.SiteName(instance.OwnerId, region), Platform.Aws, region, SiteKind.CloudRegion));
                    }

                    sink.AddAsset(mapper.Map(instance, instance.ImageId is { } ami ? images.GetValueOrDefault(ami) : null, region));
                    count++;
                }

                if (!string.IsNullOrEmpty(page.NextToken) && !tokens.Add(page.NextToken))
                {
                    throw new MalformedResponseException(operation, "the same NextToken came back twice; paging would not end.");
                }
            }
        }
        catch (Exception ex) when (Ec2Clients.IsSdkError(ex))
        {
            throw Ec2Clients.Describe(operation, ex);
        }

        AwsLogs.RegionRead(logger, Name, count, region, account?.AccountId ?? "(base)", pages, images.Count);
    }

    private async Task LookUpImagesAsync(AmazonEC2Client client, string region, IReadOnlyList<Ec2Instance> instances, Dictionary<string, Ec2Image?> images, CancellationToken cancellationToken)
    {
        var unknown = instances.Select(i => i.ImageId).OfType<string>().Where(id => !images.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var batch in unknown.Chunk(ImagesPerCall))
        {
            foreach (var id in batch)
            {
                images[id] = null;
            }

            var request = new DescribeImagesRequest
            {
                IncludeDeprecated = true,
                Owners = [.. options.ImageOwners.Prepend("self").Distinct(StringComparer.Ordinal)],
                Filters = [new Filter("image-id", [.. batch])],
            };
            DescribeImagesResponse response;
            try
            {
                response = await client.DescribeImagesAsync(request, cancellationToken);
            }
            catch (Exception ex) when (Ec2Clients.IsSdkError(ex))
            {
                throw Ec2Clients.Describe($"DescribeImages {region}", ex);
            }

            foreach (var image in response.Images ?? [])
            {
                images[image.ImageId] = Ec2Clients.Read(image);
            }
        }
    }

    public void Dispose()
    {
        credentials.Dispose();
    }
}
