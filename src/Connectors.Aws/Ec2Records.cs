namespace Qlrf.Connectors.Aws;

/// <summary>What QL-RF reads of an EC2 instance.</summary>
internal sealed record Ec2Instance(
    string InstanceId,
    string OwnerId,
    string? ImageId,
    string State,
    string? AvailabilityZone,
    IReadOnlyDictionary<string, string> Tags);

/// <summary>What QL-RF reads of an AMI.</summary>
internal sealed record Ec2Image(string ImageId, string? Name, string? OwnerId, IReadOnlyDictionary<string, string> Tags);

/// <summary>One page of DescribeInstances and the token of the next (null on the last).</summary>
internal sealed record Ec2InstancePage(IReadOnlyList<Ec2Instance> Instances, string? NextToken);
