using Qlrf.Inventory;

namespace Qlrf.Connectors.Aws;

/// <summary>
/// Maps an EC2 instance and its AMI to an asset: the instance ARN as id, the Name tag as name, the
/// environment tag as environment, every tag as a tag, and the image family and version from the AMI's
/// tags or else its name.
/// </summary>
internal sealed class Ec2AssetMapper(AwsSourceOptions options)
{
    private readonly ImageNamePattern pattern = new(options.ImageNamePattern);

    public static string SiteName(string accountId, string region) => SiteNames.Of("aws", accountId, region);

    public Asset Map(Ec2Instance instance, Ec2Image? image, string region) => new()
    {
        Id = $"arn:{options.Partition}:ec2:{region}:{instance.OwnerId}:instance/{instance.InstanceId}",
        Name = Tag(instance.Tags, "Name") ?? instance.InstanceId,
        Platform = Platform.Aws,
        Site = SiteName(instance.OwnerId, region),
        Environment = Tag(instance.Tags, options.EnvironmentTag) ?? options.DefaultEnvironment,
        Image = image is null
            ? null
            : pattern.Resolve(Tag(image.Tags, options.ImageFamilyTag), Tag(image.Tags, options.ImageVersionTag), image.Name, image.ImageId),
        Tags = instance.Tags,
        State = State(instance.State),
        Health = AssetHealth.Unknown,
    };

    public static AssetState State(string state) => state switch
    {
        "pending" => AssetState.Pending,
        "running" => AssetState.Running,
        "stopping" or "stopped" => AssetState.Stopped,
        "shutting-down" or "terminated" => AssetState.Terminated,
        _ => AssetState.Unknown,
    };

    /// <summary>A tag's value by key, matching the key's letter case loosely (Environment, environment).</summary>
    private static string? Tag(IReadOnlyDictionary<string, string> tags, string key)
    {
        if (tags.TryGetValue(key, out var exact))
        {
            return string.IsNullOrWhiteSpace(exact) ? null : exact;
        }

        foreach (var (k, v) in tags)
        {
            if (string.Equals(k, key, StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(v))
            {
                return v;
            }
        }

        return null;
    }
}
