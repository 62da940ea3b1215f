using System.Text.RegularExpressions;

namespace Qlrf.Connectors.Gcp;

/// <summary>Checks a <c>gcp</c> source's settings; each problem names its setting.</summary>
internal static partial class GcpSourceOptionsValidation
{
    public static IEnumerable<string> Validate(string path, GcpSourceOptions options)
    {
        foreach (var problem in options.ValidateCommon(path))
        {
            yield return problem;
        }

        if (options.Projects.Count == 0)
        {
            yield return $"{path}:Projects must list at least one project id.";
        }

        for (var i = 0; i < options.Projects.Count; i++)
        {
            if (!ProjectId().IsMatch(options.Projects[i] ?? string.Empty))
            {
                yield return $"{path}:Projects:{i} '{options.Projects[i]}' is not a project id (6-30 lower-case letters, digits and dashes).";
            }
        }

        var credentials = options.Credentials;
        if (credentials.KeyFile is not null && credentials.AccessTokenVariable is not null)
        {
            yield return $"{path}:Credentials:KeyFile and {path}:Credentials:AccessTokenVariable are alternatives; give one.";
        }

        if (credentials.KeyFile is not null && !File.Exists(credentials.KeyFile))
        {
            yield return $"{path}:Credentials:KeyFile '{credentials.KeyFile}' was not found.";
        }

        foreach (var problem in EnvironmentSecret.Validate($"{path}:Credentials:AccessTokenVariable", credentials.AccessTokenVariable)
            .Concat(SourceSettings.ValidateUrl($"{path}:Endpoint", options.Endpoint)))
        {
            yield return problem;
        }

        if (options.PageSize is < 1 or > 500)
        {
            yield return $"{path}:PageSize must be between 1 and 500.";
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{4,28}[a-z0-9]$", RegexOptions.CultureInvariant)]
    private static partial Regex ProjectId();
}
