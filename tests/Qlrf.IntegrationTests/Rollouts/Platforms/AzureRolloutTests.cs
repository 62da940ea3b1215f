using Qlrf.Connectors.Tests.Azure;
using Qlrf.Connectors.Tests.Azure.Execution;
using Qlrf.Drift;
using Qlrf.IntegrationTests.Support;
using LoopbackCertificate = Qlrf.Connectors.Tests.Support.LoopbackCertificate;
using Settings = Qlrf.Connectors.Tests.Support.Settings;

namespace Qlrf.IntegrationTests.Rollouts.Platforms;

/// <summary>
/// An approved rollout of scale-set instances through the host and the Azure executor against one fake ARM that discovery
/// lists too: the scale set's model takes the target gallery image version once, each instance is upgraded to it once,
/// and the next sweep shows the new version.
/// </summary>
public sealed class AzureRolloutTests : IAsyncLifetime
{
    private const string Family = "fleet-api";
    private const string Gallery = "/subscriptions/" + FakeArmPlatform.Subscription + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/acme_golden/images/" + Family;
    private const string OldImage = Gallery + "/versions/" + PlatformRollout.OldVersion;
    private const string NewImage = Gallery + "/versions/" + PlatformRollout.NewVersion;
    private static readonly string[] InstanceIds = ["1", "2", "3", "4"];
    private readonly HostDirectory directory = new();
    private readonly LoopbackCertificate certificate = new();
    private FakeArmPlatform arm = null!;
    private QlrfHost host = null!;

    private static IReadOnlyList<string> AssetIds => [.. InstanceIds.Select(FakeArmPlatform.InstanceAssetId)];

    public async Task InitializeAsync()
    {
        arm = await FakeArmPlatform.StartAsync(certificate);
        arm.ModelImage = OldImage;
        foreach (var id in InstanceIds)
        {
            arm.AddInstance(id, OldImage);
        }

        host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:Enabled"] = "false",
            ["Qlrf:Discovery:Sources:azure-prod:Kind"] = "azure",
            ["Qlrf:Discovery:Sources:azure-prod:Endpoint"] = arm.BaseUrl + "/",
            ["Qlrf:Discovery:Sources:azure-prod:CaCertificateFile"] = certificate.PemFile,
            ["Qlrf:Discovery:Sources:azure-prod:Credentials:AccessTokenVariable"] = Settings.Variable(AzureFixture.Token),
            ["Qlrf:Discovery:Sources:azure-prod:Subscriptions:0"] = FakeArmPlatform.Subscription,
            ["Qlrf:Executors:Azure:PollInterval"] = "00:00:00.020",
            ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050",
        });
        await host.WaitForFirstSweepAsync();
        await host.WaitForQueueToDrainAsync();
        await PlatformRollout.RegisterFamilyAsync(host, Family, "azure", OldImage, NewImage);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await arm.DisposeAsync();
        certificate.Dispose();
        directory.Dispose();
    }

    [Fact]
    public async Task An_approved_rollout_upgrades_each_instance_once_and_the_next_sweep_shows_the_new_version()
    {
        var before = await PlatformRollout.StateAsync(host, AssetIds);
        Assert.All(before, a => Assert.Equal((Family, PlatformRollout.OldVersion, DriftStatus.Outdated), (a.Family, a.Version, a.Drift)));

        await PlatformRollout.RollOutAsync(host, Family, AssetIds, @"^Azure UpdateInstances \(manual upgrade\): Succeeded$");

        var upgrades = arm.UpgradedInstanceIds.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(InstanceIds, upgrades.Keys.Order(StringComparer.Ordinal));
        Assert.All(upgrades.Values, count => Assert.Equal(1, count));
        Assert.Single(arm.CallsOf("PATCH scaleset"));
        Assert.Equal(NewImage, arm.ModelImage);
        Assert.All(InstanceIds, id => Assert.Equal(NewImage, arm.InstanceImageOf(id)));

        // The fake's standalone VM (another family) is swept too but is not in scope: it is never touched.
        Assert.Equal(FakeArmPlatform.OldImage, arm.VmImage);

        await PlatformRollout.SweepAsync(host, "azure-prod");

        var after = await PlatformRollout.StateAsync(host, AssetIds);
        Assert.All(after, a => Assert.Equal((Family, PlatformRollout.NewVersion, DriftStatus.Compliant), (a.Family, a.Version, a.Drift)));
    }
}
