using System.Text.RegularExpressions;

namespace Qlrf.Connectors.Aws;

/// <summary>Checks an <c>aws</c> source's settings; each problem names its setting.</summary>
internal static partial class AwsSourceOptionsValidation
{
    public static IEnumerable<string> Validate(string path, AwsSourceOptions options)
    {
        foreach (var problem in options.ValidateCommon(path))
        {
            yield return problem;
        }

        if (options.Regions.Count == 0)
        {
            yield return $"{path}:Regions must list at least one region (e.g. eu-west-1).";
        }

        for (var i = 0; i < options.Regions.Count; i++)
        {
            if (!RegionName().IsMatch(options.Regions[i] ?? string.Empty))
            {
                yield return $"{path}:Regions:{i} '{options.Regions[i]}' is not a region name (e.g. eu-west-1).";
            }
        }

        for (var i = 0; i < options.Accounts.Count; i++)
        {
            var account = options.Accounts[i];
            if (account.RoleArn is null || !RoleArn().IsMatch(account.RoleArn))
            {
                yield return $"{path}:Accounts:{i}:RoleArn must be a role ARN (arn:aws:iam::123456789012:role/name).";
            }
        }

        var credentials = options.Credentials;
        var prefix = $"{path}:Credentials";
        foreach (var problem in EnvironmentSecret.Validate($"{prefix}:AccessKeyIdVariable", credentials.AccessKeyIdVariable)
            .Concat(EnvironmentSecret.Validate($"{prefix}:SecretAccessKeyVariable", credentials.SecretAccessKeyVariable))
            .Concat(EnvironmentSecret.Validate($"{prefix}:SessionTokenVariable", credentials.SessionTokenVariable)))
        {
            yield return problem;
        }

        if ((credentials.AccessKeyIdVariable is null) != (credentials.SecretAccessKeyVariable is null))
        {
            yield return $"{prefix}:AccessKeyIdVariable and {prefix}:SecretAccessKeyVariable must be given together.";
        }

        if (credentials.Profile is not null && credentials.AccessKeyIdVariable is not null)
        {
            yield return $"{prefix}:Profile and {prefix}:AccessKeyIdVariable are alternatives; give one.";
        }

        foreach (var problem in SourceSettings.ValidateUrl($"{path}:Endpoint", options.Endpoint)
            .Concat(SourceSettings.ValidateUrl($"{path}:StsEndpoint", options.StsEndpoint))
            .Concat(SourceSettings.ValidateUrl($"{path}:SsmEndpoint", options.SsmEndpoint)))
        {
            yield return problem;
        }

        if (!RegionName().IsMatch(options.StsRegion ?? string.Empty))
        {
            yield return $"{path}:StsRegion '{options.StsRegion}' is not a region name.";
        }

        if (options.PageSize is < 5 or > 1000)
        {
            yield return $"{path}:PageSize must be between 5 and 1000.";
        }

        if (string.IsNullOrWhiteSpace(options.ImageFamilyTag) || string.IsNullOrWhiteSpace(options.ImageVersionTag))
        {
            yield return $"{path}:ImageFamilyTag and {path}:ImageVersionTag must name tags.";
        }
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-\\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionName();

    [GeneratedRegex("^arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex RoleArn();
}
