using Qlrf.Connectors.Tests.Gcp;
using Qlrf.Connectors.Tests.Gcp.Execution;
using Qlrf.Drift;
using Qlrf.IntegrationTests.Support;
using Settings = Qlrf.Connectors.Tests.Support.Settings;

namespace Qlrf.IntegrationTests.Rollouts.Platforms;

/// <summary>
/// An approved rollout of Compute Engine instances through the host and the GCP executor against one fake Compute API that
/// discovery reads too: each instance boots from one new disk of the target image, and the next sweep shows the new version.
/// </summary>
public sealed class GcpRolloutTests : IAsyncLifetime
{
    private const string Family = "fleet-base";
    private const string OldImage = "projects/acme-images/global/images/fleet-base-v20261020";
    private const string NewImage = "projects/acme-images/global/images/fleet-base-v20261103";
    private static readonly string[] Instances = ["web-f001", "web-f002", "web-f003", "web-f004"];
    private readonly HostDirectory directory = new();
    private FakeGcpCompute gcp = null!;
    private QlrfHost host = null!;

    private static IReadOnlyList<string> AssetIds =>
        [.. Instances.Select(name => $"//compute.googleapis.com/projects/{FakeGcpCompute.Project}/zones/{FakeGcpCompute.Zone}/instances/{name}")];

    public async Task InitializeAsync()
    {
        gcp = await FakeGcpCompute.StartAsync();
        gcp.Images[OldImage] = ("10", new() { ["qlrf-image-family"] = Family, ["qlrf-image-version"] = PlatformRollout.OldVersion });
        gcp.Images[NewImage] = ("10", new() { ["qlrf-image-family"] = Family, ["qlrf-image-version"] = PlatformRollout.NewVersion });
        foreach (var name in Instances)
        {
            gcp.AddInstance(name, OldImage, ("environment", "dev"), ("team", "web"));
        }

        host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:Enabled"] = "false",
            ["Qlrf:Discovery:Sources:gcp-fleet:Kind"] = "gcp",
            ["Qlrf:Discovery:Sources:gcp-fleet:Projects:0"] = FakeGcpCompute.Project,
            ["Qlrf:Discovery:Sources:gcp-fleet:Endpoint"] = gcp.BaseUrl + "/compute/v1/",
            ["Qlrf:Discovery:Sources:gcp-fleet:Credentials:AccessTokenVariable"] = Settings.Variable(GcpFixture.Token),
            ["Qlrf:Executors:Gcp:PollInterval"] = "00:00:00.020",
            ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050",
        });
        await host.WaitForFirstSweepAsync();
        await host.WaitForQueueToDrainAsync();
        await PlatformRollout.RegisterFamilyAsync(host, Family, "gcp", OldImage, NewImage);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await gcp.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task An_approved_rollout_boots_each_instance_from_one_new_disk_and_the_next_sweep_shows_the_new_version()
    {
        var before = await PlatformRollout.StateAsync(host, AssetIds);
        Assert.All(before, a => Assert.Equal((Family, PlatformRollout.OldVersion, DriftStatus.Outdated), (a.Family, a.Version, a.Drift)));

        await PlatformRollout.RollOutAsync(host, Family, AssetIds, @"^Compute Engine instances\.start \(operation \S+\): DONE( 100%)?$");

        // One disk inserted per instance, named after it; the old boot disks are kept. The fake's own first instance
        // (another family) is swept too but is not in scope: it is never touched.
        Assert.Equal(Instances.Length, gcp.Calls.Count(c => c == "POST disks"));
        var inserted = gcp.DiskNames.Where(d => d.Contains("-qlrf-", StringComparison.Ordinal)).ToList();
        Assert.Equal(Instances, inserted.Select(d => d[..d.IndexOf("-qlrf-", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        foreach (var name in Instances)
        {
            var boot = Assert.Single(gcp.Attached(name), d => d.Boot);
            Assert.Contains(boot.Disk, inserted);
            Assert.Equal((NewImage, NewImage, "RUNNING"), (gcp.BootImageOf(name), gcp.SourceImageOf(boot.Disk), gcp.Status(name)));
            Assert.Equal(OldImage, gcp.SourceImageOf(name));
        }

        Assert.Equal((FakeGcpCompute.OldImage, "RUNNING"), (gcp.BootImageOf(FakeGcpCompute.Instance), gcp.Status(FakeGcpCompute.Instance)));
        Assert.DoesNotContain(gcp.Calls, c => c.StartsWith($"POST instances/{FakeGcpCompute.Instance}/", StringComparison.Ordinal));

        await PlatformRollout.SweepAsync(host, "gcp-fleet");

        var after = await PlatformRollout.StateAsync(host, AssetIds);
        Assert.All(after, a => Assert.Equal((Family, PlatformRollout.NewVersion, DriftStatus.Compliant), (a.Family, a.Version, a.Drift)));
    }
}
