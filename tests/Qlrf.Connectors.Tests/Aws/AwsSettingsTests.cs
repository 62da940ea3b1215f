using Qlrf.Connectors.Aws;
using Qlrf.Connectors.Tests.Support;

namespace Qlrf.Connectors.Tests.Aws;

public sealed class AwsSettingsTests
{
    private static List<string> Problems(Dictionary<string, string?> values)
    {
        var section = Settings.Section("aws-prod", values);
        return new AwsAssetSourceFactory(new LogCapture(), new InstantTimeProvider()).Validate(section.Path, section).ToList();
    }

    [Fact]
    public void Each_problem_names_its_full_setting_path()
    {
        var problems = Problems(new()
        {
            ["Kind"] = "aws",
            ["Regions:0"] = "Ireland",
            ["Accounts:0:RoleArn"] = "qlrf-discovery",
            ["Credentials:AccessKeyIdVariable"] = "AKIAIOSFODNN7/EXAMPLE+KEY",
            ["Endpoint"] = "ec2.local",
            ["Http:MaxAttempts"] = "0",
            ["ImageNamePattern"] = "^(?<name>.+)$",
        });

        Assert.Contains("Qlrf:Discovery:Sources:aws-prod:Regions:0 'Ireland' is not a region name (e.g. eu-west-1).", problems);
        Assert.Contains("Qlrf:Discovery:Sources:aws-prod:Accounts:0:RoleArn must be a role ARN (arn:aws:iam::123456789012:role/name).", problems);
        Assert.Contains(problems, p => p.StartsWith("Qlrf:Discovery:Sources:aws-prod:Credentials:AccessKeyIdVariable must be the name of an environment variable", StringComparison.Ordinal));
        Assert.Contains("Qlrf:Discovery:Sources:aws-prod:Credentials:AccessKeyIdVariable and Qlrf:Discovery:Sources:aws-prod:Credentials:SecretAccessKeyVariable must be given together.", problems);
        Assert.Contains("Qlrf:Discovery:Sources:aws-prod:Endpoint 'ec2.local' must be an absolute http(s) URL.", problems);
        Assert.Contains("Qlrf:Discovery:Sources:aws-prod:Http:MaxAttempts must be between 1 and 20.", problems);
        Assert.Contains("Qlrf:Discovery:Sources:aws-prod:ImageNamePattern must have the named groups (?<family>...) and (?<version>...).", problems);
        Assert.DoesNotContain(problems, p => p.Contains("AKIAIOSFODNN7/EXAMPLE+KEY", StringComparison.Ordinal) && !p.Contains("must be the name", StringComparison.Ordinal));
    }

    [Fact]
    public void Regions_are_required() =>
        Assert.Contains("Qlrf:Discovery:Sources:aws-prod:Regions must list at least one region (e.g. eu-west-1).", Problems(new() { ["Kind"] = "aws" }));

    [Fact]
    public void A_minimal_source_is_valid() =>
        Assert.Empty(Problems(new() { ["Kind"] = "aws", ["Regions:0"] = "eu-west-1" }));
}
