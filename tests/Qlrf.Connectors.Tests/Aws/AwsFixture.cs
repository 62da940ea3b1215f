using Qlrf.Connectors.Aws;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Tests.Aws;

/// <summary>An <c>aws</c> source pointed at a loopback EC2 and STS that serve recorded answers.</summary>
public static class AwsFixture
{
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    public static Dictionary<string, string?> Settings(FixtureServer server, params string[] regions)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Kind"] = "aws",
            ["Endpoint"] = server.BaseUrl + "/aws/{region}/",
            ["StsEndpoint"] = server.BaseUrl + "/sts/",
            ["Credentials:AccessKeyIdVariable"] = Support.Settings.Variable("AKIDEXAMPLE"),
            ["Credentials:SecretAccessKeyVariable"] = Support.Settings.Variable(SecretKey),
            ["Http:BaseDelay"] = "00:00:01",
        };
        for (var i = 0; i < regions.Length; i++)
        {
            settings[$"Regions:{i}"] = regions[i];
        }

        return settings;
    }

    public static IAssetSource Create(Dictionary<string, string?> settings, InstantTimeProvider time, LogCapture? logs = null)
    {
        var factory = new AwsAssetSourceFactory(logs ?? new LogCapture(), time);
        var section = Support.Settings.Section("aws-prod", settings);
        Assert.Empty(factory.Validate(section.Path, section));
        return factory.Create(Support.Settings.Definition("aws-prod", "aws"), section);
    }

    public static Func<RecordedRequest, bool> Ec2(string region, string action, string? nextToken = null) =>
        r => r.Path == $"/aws/{region}/" && r.Parameter("Action") == action && r.Parameter("NextToken") == nextToken;

    /// <summary>Serves a region with no instances.</summary>
    public static FixtureServer EmptyRegion(this FixtureServer server, string region) =>
        server.On(Ec2(region, "DescribeInstances"), Answer.Fixture("aws/describe-instances-empty.xml"));

    /// <summary>Serves a region with the two recorded pages and their AMIs.</summary>
    public static FixtureServer TwoPageRegion(this FixtureServer server, string region) => server
        .On(Ec2(region, "DescribeInstances"), Answer.Fixture("aws/describe-instances-page1.xml"))
        .On(Ec2(region, "DescribeInstances", "eyJ2IjoiMiIsImMiOiJwYWdlLTIifQ=="), Answer.Fixture("aws/describe-instances-page2.xml"))
        .On(Ec2(region, "DescribeImages"), Answer.Fixture("aws/describe-images.xml"));
}
