using System.Xml;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;

namespace Qlrf.Connectors.Aws;

/// <summary>EC2 clients of an <c>aws</c> source, and what discovery reads from the SDK's instances, AMIs and errors.</summary>
internal static class Ec2Clients
{
    public static AmazonEC2Client Create(AwsSourceOptions options, AWSCredentials credentials, string region, int maxErrorRetry) =>
        new(credentials, new AmazonEC2Config
        {
            ServiceURL = options.Endpoint.Replace("{region}", region, StringComparison.Ordinal),
            AuthenticationRegion = region,
            Timeout = options.Http.Timeout,
            MaxErrorRetry = maxErrorRetry,
        });

    public static Ec2Instance Read(Instance instance, string? ownerId) => new(
        instance.InstanceId,
        ownerId ?? string.Empty,
        instance.ImageId,
        instance.State?.Name?.Value ?? string.Empty,
        instance.Placement?.AvailabilityZone,
        Tags(instance.Tags));

    public static Ec2Image Read(Image image) => new(image.ImageId, image.Name, image.OwnerId, Tags(image.Tags));

    /// <summary>An SDK error as a connector error: "{operation}: HTTP {status} {code}: {message}", or a malformed answer.</summary>
    public static ConnectorException Describe(string operation, Exception error) => error switch
    {
        AmazonUnmarshallingException or XmlException => new MalformedResponseException(operation, error.Message, error),
        AmazonServiceException service => new ConnectorHttpException(operation, service.StatusCode, $"{service.ErrorCode}: {service.Message}".Trim()),
        _ => new ConnectorException($"{operation}: {error.Message}", error),
    };

    /// <summary>An error of the SDK: an answer it could not read (the XML reader's own error, for a truncated page) or that said no, or a call it could not make.</summary>
    public static bool IsSdkError(Exception error) => error is AmazonServiceException or AmazonClientException or XmlException;

    private static Dictionary<string, string> Tags(List<Tag>? tags)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags ?? [])
        {
            if (tag.Key is not null)
            {
                result[tag.Key] = tag.Value ?? string.Empty;
            }
        }

        return result;
    }
}
