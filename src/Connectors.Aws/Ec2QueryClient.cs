using System.Globalization;
using System.Text;
using Amazon.Runtime;

namespace Qlrf.Connectors.Aws;

/// <summary>
/// A small typed client of the EC2 Query API (AWSSDK.EC2 cannot be restored here): form-encoded POSTs
/// signed with SigV4, XML answers read as a stream, <c>NextToken</c> paging.
/// </summary>
internal sealed class Ec2QueryClient(
    ResilientHttpClient http,
    Uri endpoint,
    string region,
    Func<CancellationToken, Task<ImmutableCredentials>> credentials,
    TimeProvider time)
{
    public const string ApiVersion = "2016-11-15";

    /// <summary>The states of instances that exist; terminated ones are left out.</summary>
    private static readonly string[] LiveStates = ["pending", "running", "shutting-down", "stopping", "stopped"];

    public Task<Ec2InstancePage> DescribeInstancesAsync(string? nextToken, int pageSize, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("MaxResults", pageSize.ToString(CultureInfo.InvariantCulture)),
            new("Filter.1.Name", "instance-state-name"),
        };
        parameters.AddRange(LiveStates.Select((s, i) => new KeyValuePair<string, string>($"Filter.1.Value.{i + 1}", s)));
        if (nextToken is not null)
        {
            parameters.Add(new("NextToken", nextToken));
        }

        return CallAsync("DescribeInstances", parameters, Ec2Xml.ReadInstancesAsync, cancellationToken);
    }

    /// <summary>The AMIs among <paramref name="imageIds"/> owned by this account or by <paramref name="owners"/>; deprecated ones included.</summary>
    public Task<IReadOnlyList<Ec2Image>> DescribeImagesAsync(IReadOnlyList<string> imageIds, IReadOnlyList<string> owners, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>> { new("IncludeDeprecated", "true") };
        parameters.AddRange(owners.Prepend("self").Distinct(StringComparer.Ordinal)
            .Select((o, i) => new KeyValuePair<string, string>($"Owner.{i + 1}", o)));
        parameters.Add(new("Filter.1.Name", "image-id"));
        parameters.AddRange(imageIds.Select((id, i) => new KeyValuePair<string, string>($"Filter.1.Value.{i + 1}", id)));
        return CallAsync("DescribeImages", parameters, Ec2Xml.ReadImagesAsync, cancellationToken);
    }

    private Task<T> CallAsync<T>(
        string action,
        List<KeyValuePair<string, string>> parameters,
        Func<Stream, CancellationToken, Task<T>> read,
        CancellationToken cancellationToken)
    {
        var body = new StringBuilder()
            .Append("Action=").Append(action)
            .Append("&Version=").Append(ApiVersion);
        foreach (var (name, value) in parameters)
        {
            body.Append('&').Append(SigV4Signer.Encode(name)).Append('=').Append(SigV4Signer.Encode(value));
        }

        var payload = Encoding.UTF8.GetBytes(body.ToString());
        return http.SendAsync(
            $"{action} {region}",
            async token =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
                {
                    Content = new ByteArrayContent(payload),
                };
                request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
                var signWith = await credentials(token);
                SigV4Signer.Sign(request, payload, signWith, region, "ec2", time.GetUtcNow());
                return request;
            },
            async (response, token) =>
            {
                await using var stream = await response.Content.ReadAsStreamAsync(token);
                return await read(stream, token);
            },
            cancellationToken);
    }
}
