namespace Qlrf.Connectors;

/// <summary>Settings every cloud connector's source has beside its platform's own.</summary>
public abstract class SourceSettings
{
    /// <summary>How API calls are timed out and retried.</summary>
    public ConnectorHttpOptions Http { get; set; } = new();

    /// <summary>How many scopes (regions, subscriptions, projects, vCenters, clusters) are read at once. Default 4.</summary>
    public int MaxParallelScopes { get; set; } = 4;

    /// <summary>The tag (label) whose value is an asset's environment. Default <c>environment</c>.</summary>
    public string EnvironmentTag { get; set; } = "environment";

    /// <summary>The environment of an asset without that tag. Default <c>unassigned</c>.</summary>
    public string DefaultEnvironment { get; set; } = "unassigned";

    /// <summary>Reads family and version from an image's name when tags or labels do not give them. Default <see cref="ImageNamePattern.Default"/>.</summary>
    public string? ImageNamePattern { get; set; }

    public IEnumerable<string> ValidateCommon(string path)
    {
        foreach (var problem in Http.Validate(path))
        {
            yield return problem;
        }

        if (MaxParallelScopes is < 1 or > 32)
        {
            yield return $"{path}:MaxParallelScopes must be between 1 and 32.";
        }

        if (string.IsNullOrWhiteSpace(EnvironmentTag))
        {
            yield return $"{path}:EnvironmentTag must name a tag.";
        }

        if (string.IsNullOrWhiteSpace(DefaultEnvironment))
        {
            yield return $"{path}:DefaultEnvironment must not be empty.";
        }

        foreach (var problem in Connectors.ImageNamePattern.Validate($"{path}:ImageNamePattern", ImageNamePattern))
        {
            yield return problem;
        }
    }

    /// <summary>Checks an endpoint setting: an absolute http(s) URL.</summary>
    public static IEnumerable<string> ValidateUrl(string setting, string? url, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            if (required)
            {
                yield return $"{setting} is required.";
            }

            yield break;
        }

        if (!Uri.TryCreate(url.Replace("{region}", "region", StringComparison.Ordinal), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            yield return $"{setting} '{url}' must be an absolute http(s) URL.";
        }
    }
}
