using System.Text.RegularExpressions;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Images;

/// <summary>
/// Checks that a platform's reference to an image version has that platform's shape: an AMI id on AWS,
/// a gallery image version resource id on Azure, an image link on GCP, a template name on vSphere, and an
/// image digest (optionally with its repository) on Kubernetes.
/// </summary>
public static partial class PlatformReference
{
    public const int MaxLength = 512;

    /// <summary>Returns null when <paramref name="reference"/> fits <paramref name="platform"/>, else what is wrong.</summary>
    public static string? Problem(Platform platform, string? reference)
    {
        var value = reference?.Trim() ?? string.Empty;
        if (value.Length == 0 || value.Length > MaxLength || value.Any(char.IsControl))
        {
            return $"the {EnumText<Platform>.Of(platform)} reference must be 1-{MaxLength} printable characters.";
        }

        return platform switch
        {
            Platform.Aws when !Ami().IsMatch(value) => $"'{value}' is not an AMI id (ami- and 8 or 17 hex digits).",
            Platform.Azure when !Gallery().IsMatch(value) =>
                $"'{value}' is not an Azure gallery image version id (/subscriptions/…/providers/Microsoft.Compute/galleries/…/images/…/versions/…).",
            Platform.Gcp when !Gcp().IsMatch(value) => $"'{value}' is not a GCP image link (projects/…/global/images/…, or its https://www.googleapis.com/compute/v1/ URL).",
            Platform.Kubernetes when !Digest().IsMatch(value) => $"'{value}' is not an image digest (sha256: and 64 hex digits, optionally after repository@).",
            _ => null,
        };
    }

    [GeneratedRegex("^ami-([0-9a-f]{8}|[0-9a-f]{17})$", RegexOptions.CultureInvariant)]
    private static partial Regex Ami();

    [GeneratedRegex("^/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.Compute/galleries/[^/]+/images/[^/]+/versions/[^/]+$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Gallery();

    [GeneratedRegex("^(https://www\\.googleapis\\.com/compute/v1/)?projects/[a-z0-9-]+/global/images/[a-z0-9-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Gcp();

    [GeneratedRegex("^([a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)+@)?sha256:[0-9a-f]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Digest();
}
