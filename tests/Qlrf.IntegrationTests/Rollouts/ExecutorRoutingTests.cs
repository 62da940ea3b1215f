using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Api.Rollouts;
using Qlrf.Audit;
using Qlrf.Discovery;
using Qlrf.IntegrationTests.Support;
using Qlrf.Inventory;
using Qlrf.Rollouts;

namespace Qlrf.IntegrationTests.Rollouts;

/// <summary>
/// A rollout (and its dry run) whose scope holds assets of a source no executor changes is refused when requested,
/// through the real host: 400 naming them, their source and platform and why, and nothing stored.
/// </summary>
public sealed class ExecutorRoutingTests : IAsyncLifetime
{
    private const int Count = 7;
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    private static string Scope(IEnumerable<string> ids) => $$"""
        { "target": { "imageFamily": "ubuntu-2204-base", "imageVersion": "2026.10.1" },
          "scope": { "assetIds": [{{string.Join(", ", ids.Select(id => $"\"{id}\""))}}] } }
        """;

    public async Task InitializeAsync()
    {
        host = new QlrfHost(
            directory,
            new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:unmanaged:Kind"] = UnmanagedSourceFactory.UnmanagedKind },
            s => s.AddSingleton<IAssetSourceFactory, UnmanagedSourceFactory>());
        await Eventually.TrueAsync(async () => (await host.SendAsync(HttpMethod.Get, "/api/v1/assets/unmanaged-07")).Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "the unmanaged source's sweep");
        await host.WaitForFirstSweepAsync();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Theory]
    [InlineData("/api/v1/rollouts")]
    [InlineData("/api/v1/rollouts/plan")]
    public async Task A_rollout_of_assets_no_executor_changes_is_a_400_naming_them_and_creates_nothing(string path)
    {
        using var admin = host.CreateClient();
        var auditBefore = (await admin.FetchAsync("/api/v1/audit?limit=500")).Json<PageDto<AuditEntryDto>>().Items.Where(e => e.Outcome == AuditOutcome.Success).ToList();
        var ids = UnmanagedSourceFactory.Ids.Prepend("use1-prod-web-01");

        var reply = await admin.SendAsync(HttpMethod.Post, path, Scope(ids));

        Assert.True(reply.Status == HttpStatusCode.BadRequest, reply.Body);
        var detail = reply.Problem!.Detail!;
        Assert.Contains($"{Count} asset(s) of source 'unmanaged' on aws (unmanaged-01, unmanaged-02, unmanaged-03, unmanaged-04, unmanaged-05 and 2 more)", detail, StringComparison.Ordinal);
        Assert.Contains("no executor changes assets of source 'unmanaged' on aws", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("use1-prod-web-01", detail, StringComparison.Ordinal);
        Assert.Empty((await admin.FetchAsync("/api/v1/rollouts")).Json<PageDto<RolloutSummary>>().Items);
        var auditAfter = (await admin.FetchAsync("/api/v1/audit?limit=500")).Json<PageDto<AuditEntryDto>>().Items.Where(e => e.Outcome == AuditOutcome.Success).ToList();
        Assert.DoesNotContain(auditAfter, e => e.Target.StartsWith("/api/v1/rollouts/ro-", StringComparison.Ordinal));
        Assert.Equal(auditBefore.Count, auditAfter.Count);
    }

    [Fact]
    public async Task The_same_request_without_them_is_planned()
    {
        using var admin = host.CreateClient();

        var reply = await admin.SendAsync(HttpMethod.Post, "/api/v1/rollouts/plan", Scope(["use1-prod-web-01"]));

        Assert.True(reply.Status == HttpStatusCode.OK, reply.Body);
    }

    /// <summary>A source of a kind no executor handles: seven AWS assets of the sample family, a version behind.</summary>
    private sealed class UnmanagedSourceFactory : IAssetSourceFactory
    {
        public const string UnmanagedKind = "unmanaged";

        public static readonly IReadOnlyList<string> Ids = Enumerable.Range(1, Count).Select(i => $"unmanaged-{i:D2}").ToList();

        public string Kind => UnmanagedKind;

        public IEnumerable<string> Validate(string settingPath, IConfiguration section) => [];

        public IAssetSource Create(AssetSourceDefinition definition, IConfiguration section) => new Source(definition);

        private sealed class Source(AssetSourceDefinition definition) : IAssetSource
        {
            public string Name => definition.Name;

            public string Organisation => definition.Organisation;

            public Task DiscoverAsync(ISweepSink sink, CancellationToken cancellationToken)
            {
                sink.AddSite(new Site("unmanaged-eu", Platform.Aws, "eu-west-1", SiteKind.CloudRegion));
                foreach (var id in Ids)
                {
                    sink.AddAsset(new Asset
                    {
                        Id = id,
                        Name = id,
                        Platform = Platform.Aws,
                        Site = "unmanaged-eu",
                        Environment = "dev",
                        Image = new ImageRef("ubuntu-2204-base", "2026.09.1"),
                        State = AssetState.Running,
                        Health = AssetHealth.Healthy,
                    });
                }

                return Task.CompletedTask;
            }
        }
    }
}
