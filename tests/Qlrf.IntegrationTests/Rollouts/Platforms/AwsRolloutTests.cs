using Qlrf.Connectors.Tests.Aws;
using Qlrf.Connectors.Tests.Aws.Execution;
using Qlrf.Drift;
using Qlrf.IntegrationTests.Support;
using Settings = Qlrf.Connectors.Tests.Support.Settings;

namespace Qlrf.IntegrationTests.Rollouts.Platforms;

/// <summary>
/// An approved rollout of EC2 instances through the host and the AWS executor against one fake EC2 that discovery reads
/// too: each instance's root volume is replaced from the target AMI once, and the next sweep shows the new version.
/// </summary>
public sealed class AwsRolloutTests : IAsyncLifetime
{
    private const string Family = "fleet-base";
    private const string OldAmi = "ami-0f1ee7000000000a1";
    private const string NewAmi = "ami-0f1ee7000000000b2";
    private static readonly string[] Instances = ["i-0a00000000000f001", "i-0a00000000000f002", "i-0a00000000000f003", "i-0a00000000000f004"];
    private readonly HostDirectory directory = new();
    private FakeAwsPlatform aws = null!;
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        aws = await FakeAwsPlatform.StartAsync();
        aws.Images[OldAmi] = $"{Family}-{PlatformRollout.OldVersion}";
        aws.Images[NewAmi] = $"{Family}-{PlatformRollout.NewVersion}";
        foreach (var id in Instances)
        {
            aws.AddInstance(id, OldAmi, ("Name", "web-" + id[^3..]), ("environment", "dev"));
        }

        host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Discovery:Sources:sandbox:Enabled"] = "false",
            ["Qlrf:Discovery:Sources:aws-fleet:Kind"] = "aws",
            ["Qlrf:Discovery:Sources:aws-fleet:Regions:0"] = "eu-west-1",
            ["Qlrf:Discovery:Sources:aws-fleet:Endpoint"] = aws.BaseUrl + "/ec2/{region}/",
            ["Qlrf:Discovery:Sources:aws-fleet:SsmEndpoint"] = aws.BaseUrl + "/ssm/{region}/",
            ["Qlrf:Discovery:Sources:aws-fleet:Credentials:AccessKeyIdVariable"] = Settings.Variable("AKIDEXAMPLE"),
            ["Qlrf:Discovery:Sources:aws-fleet:Credentials:SecretAccessKeyVariable"] = Settings.Variable(AwsFixture.SecretKey),
            ["Qlrf:Executors:Aws:PollInterval"] = "00:00:00.020",
            ["Qlrf:Rollouts:ApplyRetryDelay"] = "00:00:00.050",
        });
        await host.WaitForFirstSweepAsync();
        await host.WaitForQueueToDrainAsync();
        await PlatformRollout.RegisterFamilyAsync(host, Family, "aws", OldAmi, NewAmi);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await aws.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task An_approved_rollout_replaces_each_root_volume_once_and_the_next_sweep_shows_the_new_version()
    {
        var arns = Instances.Select(id => $"arn:aws:ec2:eu-west-1:123456789012:instance/{id}").ToList();
        var before = await PlatformRollout.StateAsync(host, arns);
        Assert.All(before, a => Assert.Equal((Family, PlatformRollout.OldVersion, DriftStatus.Outdated), (a.Family, a.Version, a.Drift)));

        await PlatformRollout.RollOutAsync(host, Family, arns, @"^EC2 replace-root-volume task \S+ from ami-\S+: succeeded$");

        // The fake's own first instance (another family) is swept too but is not in scope: it is never touched.
        var replaced = aws.CallsOf("CreateReplaceRootVolumeTask").GroupBy(c => c["InstanceId"]).ToDictionary(g => g.Key, g => g.Select(c => c["ImageId"]).ToList());
        Assert.Equal(Instances, replaced.Keys.Order(StringComparer.Ordinal));
        Assert.All(replaced.Values, images => Assert.Equal([NewAmi], images));
        Assert.All(Instances, id => Assert.Equal(NewAmi, aws.ImageOf(id)));
        Assert.Equal("ami-0abcdef1234567890", aws.ImageId);

        await PlatformRollout.SweepAsync(host, "aws-fleet");

        var after = await PlatformRollout.StateAsync(host, arns);
        Assert.All(after, a => Assert.Equal((Family, PlatformRollout.NewVersion, DriftStatus.Compliant), (a.Family, a.Version, a.Drift)));
    }
}
