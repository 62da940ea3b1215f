using Qlrf.Execution;

namespace Qlrf.Connectors.Aws.Execution;

/// <summary>An EC2 instance's asset id, <c>arn:{partition}:ec2:{region}:{account}:instance/{instance id}</c>, taken apart.</summary>
internal sealed record AwsInstanceArn(string Region, string Account, string InstanceId)
{
    public static AwsInstanceArn Parse(string assetId)
    {
        ArgumentNullException.ThrowIfNull(assetId);
        var parts = assetId.Split(':', 6);
        return parts is ["arn", _, "ec2", { Length: > 0 } region, { Length: > 0 } account, var resource]
            && resource.StartsWith("instance/i-", StringComparison.Ordinal)
            ? new AwsInstanceArn(region, account, resource["instance/".Length..])
            : throw new ExecutorException($"'{assetId}' is not an EC2 instance ARN (arn:aws:ec2:region:account:instance/i-...).");
    }
}
