using System.Text.RegularExpressions;
using Qlrf.Inventory;

namespace Qlrf.Connectors;

/// <summary>
/// Reads an image family and version out of an image's name (an AMI name, a GCP image, a vSphere template)
/// with a regular expression that has the named groups <c>family</c> and <c>version</c>. The default takes
/// the trailing version: <c>ubuntu-2204-base-1.4.0</c> is family <c>ubuntu-2204-base</c>, version <c>1.4.0</c>;
/// <c>debian-12-bookworm-v20240110</c> is <c>debian-12-bookworm</c>, <c>20240110</c>.
/// </summary>
public sealed class ImageNamePattern
{
    public const string Default = @"^(?<family>.+?)[-_]v?(?<version>\d+(?:[.\-_]\d+)*)$";

    private readonly Regex regex;

    public ImageNamePattern(string? pattern)
    {
        regex = new Regex(string.IsNullOrWhiteSpace(pattern) ? Default : pattern, RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Problems with a configured pattern, naming the setting.</summary>
    public static IEnumerable<string> Validate(string setting, string? pattern)
    {
        if (string.IsNullOrWhiteSpace(pattern))
        {
            yield break;
        }

        Regex? regex = null;
        string? problem = null;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException ex)
        {
            problem = $"{setting} is not a valid regular expression: {ex.Message}";
        }

        if (problem is not null)
        {
            yield return problem;
        }
        else if (!regex!.GetGroupNames().Contains("family") || !regex.GetGroupNames().Contains("version"))
        {
            yield return $"{setting} must have the named groups (?<family>...) and (?<version>...).";
        }
    }

    /// <summary>The family and version in <paramref name="name"/>, or null when the name does not match.</summary>
    public (string Family, string Version)? Match(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        try
        {
            var match = regex.Match(name.Trim());
            return match.Success && match.Groups["family"].Success && match.Groups["version"].Success
                ? (match.Groups["family"].Value, match.Groups["version"].Value)
                : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>An image reference from explicit family and version (tags, labels) or else the name; null when neither gives both.</summary>
    public ImageRef? Resolve(string? family, string? version, string? name, string? reference)
    {
        if (string.IsNullOrWhiteSpace(family) || string.IsNullOrWhiteSpace(version))
        {
            var fromName = Match(name);
            family = string.IsNullOrWhiteSpace(family) ? fromName?.Family : family;
            version = string.IsNullOrWhiteSpace(version) ? fromName?.Version : version;
        }

        return string.IsNullOrWhiteSpace(family) && string.IsNullOrWhiteSpace(version)
            ? null
            : new ImageRef(family ?? string.Empty, version ?? string.Empty, reference);
    }
}
