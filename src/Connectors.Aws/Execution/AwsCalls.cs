using System.Xml;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using Qlrf.Execution;

namespace Qlrf.Connectors.Aws.Execution;

/// <summary>Platform calls of the executor: an SDK error becomes an <see cref="ExecutorException"/> naming the asset, the call and AWS's error.</summary>
internal static class AwsCalls
{
    public static async Task<T> RunAsync<T>(string assetId, string call, Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (AmazonServiceException ex)
        {
            throw new ExecutorException($"{call} for '{assetId}' failed: HTTP {(int)ex.StatusCode} {ex.ErrorCode}: {ex.Message}", ex);
        }
        catch (AmazonClientException ex)
        {
            throw new ExecutorException($"{call} for '{assetId}' failed: {ex.Message}", ex);
        }
        catch (XmlException ex)
        {
            throw new ExecutorException($"{call} for '{assetId}' failed: malformed response: {ex.Message}", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new ExecutorException($"{call} for '{assetId}' failed: {ex.Message}", ex);
        }
    }

    public static async Task<Instance> DescribeInstanceAsync(AmazonEC2Client ec2, string assetId, AwsInstanceArn arn, CancellationToken cancellationToken)
    {
        var response = await RunAsync(assetId, "DescribeInstances", () => ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = [arn.InstanceId] }, cancellationToken));
        return (response.Reservations ?? []).SelectMany(r => r.Instances ?? []).FirstOrDefault(i => i.InstanceId == arn.InstanceId)
            ?? throw new ExecutorException($"DescribeInstances for '{assetId}' found no instance {arn.InstanceId} in {arn.Region}.");
    }

    /// <summary>The image version an instance runs: its AMI's family and version tags, or else its name; the AMI id when neither says.</summary>
    public static async Task<string?> VersionAsync(AmazonEC2Client ec2, AwsExecutorSource source, string assetId, Instance instance, CancellationToken cancellationToken)
    {
        if (instance.ImageId is not { } ami)
        {
            return null;
        }

        var response = await RunAsync(assetId, "DescribeImages", () => ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = [ami], IncludeDeprecated = true }, cancellationToken));
        var image = response.Images?.FirstOrDefault(i => i.ImageId == ami);
        var tags = (image?.Tags ?? []).Where(t => t.Key is not null).GroupBy(t => t.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value ?? string.Empty, StringComparer.Ordinal);
        return source.ImageNames.Resolve(tags.GetValueOrDefault(source.Options.ImageFamilyTag), tags.GetValueOrDefault(source.Options.ImageVersionTag), image?.Name, ami)?.Version ?? ami;
    }

    public static string? Tag(Instance instance, string key) => instance.Tags?.FirstOrDefault(t => t.Key == key)?.Value;
}
