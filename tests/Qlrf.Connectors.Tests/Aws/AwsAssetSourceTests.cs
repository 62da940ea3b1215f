using Qlrf.Connectors.Tests.Support;
using Qlrf.Inventory;

namespace Qlrf.Connectors.Tests.Aws;

public sealed class AwsAssetSourceTests
{
    [Fact]
    public async Task Sweep_follows_next_token_to_the_last_page_and_signs_every_call()
    {
        await using var server = await FixtureServer.StartAsync();
        server.TwoPageRegion("eu-west-1");
        var sink = new RecordingSink();

        await AwsFixture.Create(AwsFixture.Settings(server, "eu-west-1"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Equal(4, sink.Assets.Count);
        var pages = server.Requests.Where(r => r.Parameter("Action") == "DescribeInstances").ToList();
        Assert.Equal(2, pages.Count);
        Assert.Null(pages[0].Parameter("NextToken"));
        Assert.Equal("eyJ2IjoiMiIsImMiOiJwYWdlLTIifQ==", pages[1].Parameter("NextToken"));
        Assert.All(pages, p =>
        {
            Assert.Equal("2016-11-15", p.Parameter("Version"));
            Assert.Equal("1000", p.Parameter("MaxResults"));
            Assert.Equal("instance-state-name", p.Parameter("Filter.1.Name"));
        });
        Assert.All(server.Requests, r =>
        {
            Assert.Matches("^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/ec2/aws4_request, SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}$", r.Header("Authorization"));
            Assert.Matches("^\\d{8}T\\d{6}Z$", r.Header("X-Amz-Date"));
        });
    }

    [Fact]
    public async Task Amis_are_looked_up_once_per_region_for_self_and_the_given_owners()
    {
        await using var server = await FixtureServer.StartAsync();
        server.TwoPageRegion("eu-west-1");
        var settings = AwsFixture.Settings(server, "eu-west-1");
        settings["ImageOwners:0"] = "999988887777";

        await AwsFixture.Create(settings, new InstantTimeProvider()).DiscoverAsync(new RecordingSink(), CancellationToken.None);

        // Page 1 asks for its two AMIs; the answer also holds page 2's AMI, which is therefore not asked for again.
        var lookup = Assert.Single(server.Requests, r => r.Parameter("Action") == "DescribeImages");
        Assert.Equal("true", lookup.Parameter("IncludeDeprecated"));
        Assert.Equal("self", lookup.Parameter("Owner.1"));
        Assert.Equal("999988887777", lookup.Parameter("Owner.2"));
        Assert.Equal("image-id", lookup.Parameter("Filter.1.Name"));
        Assert.Equal("ami-0abcdef1234567890", lookup.Parameter("Filter.1.Value.1"));
        Assert.Equal("ami-0ff8a91507f77f867", lookup.Parameter("Filter.1.Value.2"));
        Assert.Null(lookup.Parameter("Filter.1.Value.3"));
    }

    [Fact]
    public async Task Instances_are_normalised_with_image_version_tags_and_state()
    {
        await using var server = await FixtureServer.StartAsync();
        server.TwoPageRegion("eu-west-1");
        var sink = new RecordingSink();

        await AwsFixture.Create(AwsFixture.Settings(server, "eu-west-1"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        var web = sink.Asset("instance/i-0598c7d356eba48d7");
        Assert.Equal("arn:aws:ec2:eu-west-1:123456789012:instance/i-0598c7d356eba48d7", web.Id);
        Assert.Equal("web-prod-euw1-01", web.Name);
        Assert.Equal(Platform.Aws, web.Platform);
        Assert.Equal("aws-123456789012-eu-west-1", web.Site);
        Assert.Equal("prod", web.Environment);
        Assert.Equal(new ImageRef("ubuntu-2204-base", "1.4.0", "ami-0abcdef1234567890"), web.Image);
        Assert.Equal("team-web", web.Tags["owner"]);
        Assert.Equal(AssetState.Running, web.State);

        Assert.Equal(AssetState.Stopped, sink.Asset("i-0a1b2c3d4e5f60718").State);

        var db = sink.Asset("i-0c33b33ffd64c0432");
        Assert.Equal(new ImageRef("postgres-16-base", "2.1.3", "ami-0123456789abcdef0"), db.Image);
        Assert.Equal("staging", db.Environment);

        var batch = sink.Asset("i-0b22a22eec53b9321");
        Assert.Equal("i-0b22a22eec53b9321", batch.Name);
        Assert.Equal("unassigned", batch.Environment);
        Assert.Null(batch.Image);
        Assert.Equal(AssetState.Pending, batch.State);
        Assert.Equal("batch-workers", batch.Tags["aws:autoscaling:groupName"]);

        Assert.Equal(new Site("aws-123456789012-eu-west-1", Platform.Aws, "eu-west-1", SiteKind.CloudRegion), Assert.Single(sink.Sites.Values));
    }

    [Fact]
    public async Task Every_region_of_every_account_is_read_through_an_assumed_role()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(r => r.Path == "/sts/", Answer.Fixture("aws/assume-role.xml"));
        server.EmptyRegion("eu-west-1").EmptyRegion("us-east-1");
        var settings = AwsFixture.Settings(server, "eu-west-1", "us-east-1");
        settings["Accounts:0:RoleArn"] = "arn:aws:iam::210987654321:role/qlrf-discovery";
        settings["Accounts:0:ExternalId"] = "qlrf-acme";
        settings["Accounts:1:RoleArn"] = "arn:aws:iam::345678901234:role/qlrf-discovery";
        var sink = new RecordingSink();

        await AwsFixture.Create(settings, new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        var assumed = server.Requests.Where(r => r.Path == "/sts/").ToList();
        Assert.Equal(2, assumed.Count);
        Assert.All(assumed, r => Assert.Equal("AssumeRole", r.Parameter("Action")));
        Assert.Equal(
            ["arn:aws:iam::210987654321:role/qlrf-discovery", "arn:aws:iam::345678901234:role/qlrf-discovery"],
            assumed.Select(r => r.Parameter("RoleArn")!).Order());
        Assert.Contains(assumed, r => r.Parameter("ExternalId") == "qlrf-acme" && r.Parameter("RoleSessionName") == "qlrf-aws-prod");

        var ec2 = server.Requests.Where(r => r.Path.StartsWith("/aws/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, ec2.Count);
        Assert.Equal(2, ec2.Count(r => r.Path == "/aws/eu-west-1/"));
        Assert.Equal(2, ec2.Count(r => r.Path == "/aws/us-east-1/"));
        Assert.All(ec2, r =>
        {
            Assert.StartsWith("AWS4-HMAC-SHA256 Credential=ASIAIOSFODNN7EXAMPLE/", r.Header("Authorization"));
            Assert.Contains("x-amz-security-token", r.Header("Authorization"));
            Assert.NotNull(r.Header("X-Amz-Security-Token"));
        });
        Assert.Equal(
            ["aws-210987654321-eu-west-1", "aws-210987654321-us-east-1", "aws-345678901234-eu-west-1", "aws-345678901234-us-east-1"],
            sink.Sites.Keys.Order());
    }
}
