using Qlrf.Inventory;

namespace Qlrf.Connectors.Gcp;

/// <summary>
/// Maps a Compute Engine instance and its boot disk's source image to an asset: the instance's full
/// resource name as id, its labels as tags, the environment label as environment, and the image family
/// from the image's labels or its own family, the version from its labels, or from its name after the
/// family when that is a version (<c>ubuntu-2204-base-v20261020</c> in family <c>ubuntu-2204-base</c> is
/// <c>20261020</c>), or else from the name pattern (<c>debian-12-bookworm-v20240110</c> gives <c>20240110</c>); a version of
/// dashed digit groups is read with dots (<c>1-4-0</c> is <c>1.4.0</c>), since GCP names and labels cannot hold dots.
/// </summary>
internal sealed class GceAssetMapper(GcpSourceOptions options)
{
    private readonly ImageNamePattern pattern = new(options.ImageNamePattern);

    public static string Region(string zone) => zone.LastIndexOf('-') is var at and > 0 ? zone[..at] : zone;

    public static string SiteName(string project, string region) => SiteNames.Of("gcp", project, region);

    /// <summary>The path <c>projects/{p}/global/images/{name}</c> of an image URL.</summary>
    public static string? ImagePath(string? sourceImage) =>
        sourceImage is null ? null : sourceImage.IndexOf("projects/", StringComparison.Ordinal) is var at and >= 0 ? sourceImage[at..] : null;

    public Asset Map(string project, GceInstance instance, string? imagePath, GceImage? image)
    {
        var zone = Last(instance.Zone) ?? "unknown";
        var labels = instance.Labels ?? [];
        return new Asset
        {
            Id = $"//compute.googleapis.com/projects/{project}/zones/{zone}/instances/{instance.Name}",
            Name = instance.Name,
            Platform = Platform.Gcp,
            Site = SiteName(project, Region(zone)),
            Environment = labels.GetValueOrDefault(options.EnvironmentTag) is { Length: > 0 } env ? env : options.DefaultEnvironment,
            Image = imagePath is null ? null : Image(imagePath, image),
            Tags = labels,
            State = State(instance.Status),
            Health = AssetHealth.Unknown,
        };
    }

    /// <summary>An instance's state from its Compute Engine status.</summary>
    public static AssetState State(string? status) => status switch
    {
        "PROVISIONING" or "STAGING" => AssetState.Pending,
        "RUNNING" or "REPAIRING" => AssetState.Running,
        "STOPPING" or "STOPPED" or "SUSPENDING" or "SUSPENDED" or "TERMINATED" => AssetState.Stopped,
        _ => AssetState.Unknown,
    };

    /// <summary>The golden image (family and version) of an image path and the image as Compute describes it.</summary>
    public ImageRef? Image(string imagePath, GceImage? image)
    {
        var name = image?.Name ?? Last(imagePath)!;
        var labels = image?.Labels ?? [];
        var family = labels.GetValueOrDefault(options.ImageFamilyLabel) ?? image?.Family;
        var version = labels.GetValueOrDefault(options.ImageVersionLabel);
        if (version is null && family is not null && name.StartsWith(family + "-", StringComparison.Ordinal))
        {
            var rest = name[(family.Length + 1)..];
            rest = rest.Length > 1 && rest[0] == 'v' && char.IsAsciiDigit(rest[1]) ? rest[1..] : rest;
            version = rest.Length > 0 && char.IsAsciiDigit(rest[0]) ? rest : null;
        }

        return pattern.Resolve(family, version, name, imagePath) is { } resolved ? resolved with { Version = DottedVersion(resolved.Version)! } : null;
    }

    /// <summary>
    /// GCP allows no dots in label values or image names, so <c>1-4-0</c> there stands for <c>1.4.0</c>: digit groups
    /// joined by dashes or underscores are read with dots, so they match the golden version as registered.
    /// </summary>
    public static string? DottedVersion(string? version) =>
        version is { Length: > 0 } && version.Split('-', '_') is { Length: > 1 } parts && parts.All(p => p.Length > 0 && p.All(char.IsAsciiDigit))
            ? string.Join('.', parts)
            : version;

    private static string? Last(string? url) => url?[(url.LastIndexOf('/') + 1)..];
}
