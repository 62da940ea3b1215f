using Qlrf.Connectors.Tests.Support;

namespace Qlrf.Connectors.Tests.Aws;

/// <summary>Throttling, errors and malformed answers of EC2 and STS: retried, or a partial sweep naming source and scope.</summary>
public sealed class AwsFailureTests
{
    [Fact]
    public async Task Throttling_is_retried_by_the_sdk_then_succeeds()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(
            AwsFixture.Ec2("eu-west-1", "DescribeInstances"),
            Answer.Fixture("aws/request-limit-exceeded.xml", 503),
            Answer.Fixture("aws/request-limit-exceeded.xml", 503),
            Answer.Fixture("aws/describe-instances-page2.xml"));
        server.On(AwsFixture.Ec2("eu-west-1", "DescribeImages"), Answer.Fixture("aws/describe-images.xml"));
        var sink = new RecordingSink();

        await AwsFixture.Create(AwsFixture.Settings(server, "eu-west-1"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Empty(sink.Failures);
        Assert.Single(sink.Assets);
        Assert.Equal(3, server.Requests.Count(r => r.Parameter("Action") == "DescribeInstances"));
    }

    [Fact]
    public async Task Throttling_on_every_attempt_fails_the_region_with_the_ec2_error_code()
    {
        await using var server = await FixtureServer.StartAsync();
        server.EmptyRegion("eu-west-1");
        server.On(AwsFixture.Ec2("us-east-1", "DescribeInstances"), Answer.Fixture("aws/request-limit-exceeded.xml", 503));
        var settings = AwsFixture.Settings(server, "eu-west-1", "us-east-1");
        settings["Http:MaxAttempts"] = "2";
        var sink = new RecordingSink();

        await AwsFixture.Create(settings, new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        var failure = Assert.Single(sink.Failures);
        Assert.Equal("aws-prod/default/us-east-1", failure.Scope);
        Assert.Contains("DescribeInstances us-east-1: HTTP 503 RequestLimitExceeded: Request limit exceeded.", failure.Message, StringComparison.Ordinal);
        Assert.Equal(2, server.Requests.Count(r => r.Path == "/aws/us-east-1/"));
    }

    [Fact]
    public async Task A_malformed_page_fails_its_region_only_and_names_source_and_scope()
    {
        await using var server = await FixtureServer.StartAsync();
        server.TwoPageRegion("eu-west-1");
        server.On(AwsFixture.Ec2("us-east-1", "DescribeInstances"), Answer.Fixture("aws/describe-instances-truncated.xml"));
        var sink = new RecordingSink();

        await AwsFixture.Create(AwsFixture.Settings(server, "eu-west-1", "us-east-1"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        Assert.Equal(4, sink.Assets.Count);
        var failure = Assert.Single(sink.Failures);
        Assert.Equal("aws-prod/default/us-east-1", failure.Scope);
        Assert.True(
            failure.Message.StartsWith("Source 'aws-prod', region us-east-1 of account (base credentials): DescribeInstances us-east-1: malformed response:", StringComparison.Ordinal),
            failure.Message);
        Assert.Single(server.Requests, r => r.Path == "/aws/us-east-1/");
    }

    [Fact]
    public async Task An_access_error_is_not_retried_and_carries_the_ec2_error_code()
    {
        await using var server = await FixtureServer.StartAsync();
        server.EmptyRegion("eu-west-1");
        server.On(AwsFixture.Ec2("us-east-1", "DescribeInstances"), Answer.Fixture("aws/unauthorized-operation.xml", 403));
        var sink = new RecordingSink();

        await AwsFixture.Create(AwsFixture.Settings(server, "eu-west-1", "us-east-1"), new InstantTimeProvider()).DiscoverAsync(sink, CancellationToken.None);

        var failure = Assert.Single(sink.Failures);
        Assert.Contains("HTTP 403 UnauthorizedOperation: You are not authorized", failure.Message);
        Assert.Single(server.Requests, r => r.Path == "/aws/us-east-1/");
    }

    [Fact]
    public async Task When_every_region_fails_the_sweep_fails()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(r => true, Answer.Fixture("aws/unauthorized-operation.xml", 403));
        var source = AwsFixture.Create(AwsFixture.Settings(server, "eu-west-1", "us-east-1"), new InstantTimeProvider());

        var error = await Assert.ThrowsAsync<ConnectorException>(() => source.DiscoverAsync(new RecordingSink(), CancellationToken.None));

        Assert.StartsWith("Every one of the 2 scopes of source 'aws-prod' failed; the first: Source 'aws-prod', region", error.Message);
    }

    [Fact]
    public async Task No_secret_reaches_the_logs_or_the_sweep_errors()
    {
        await using var server = await FixtureServer.StartAsync();
        server.On(r => r.Path == "/sts/", Answer.Fixture("aws/assume-role.xml"));
        server.On(AwsFixture.Ec2("eu-west-1", "DescribeInstances"), Answer.Fixture("aws/request-limit-exceeded.xml", 503), Answer.Fixture("aws/describe-instances-truncated.xml"));
        var settings = AwsFixture.Settings(server, "eu-west-1");
        settings["Accounts:0:RoleArn"] = "arn:aws:iam::210987654321:role/qlrf-discovery";
        var logs = new LogCapture();
        var sink = new RecordingSink();

        await Assert.ThrowsAsync<ConnectorException>(() => AwsFixture.Create(settings, new InstantTimeProvider(), logs).DiscoverAsync(sink, CancellationToken.None));

        Assert.NotEmpty(logs.Lines);
        var said = string.Join('\n', logs.Lines);
        foreach (var secret in new[] { AwsFixture.SecretKey, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", "IQoJb3JpZ2luX2VjEOz" })
        {
            Assert.DoesNotContain(secret, said, StringComparison.Ordinal);
        }
    }
}
