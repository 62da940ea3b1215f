using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Gcp.Execution;

/// <summary>
/// One configured <c>gcp</c> source as the executor uses it: the projects it reads, its image labels, and a Compute client
/// with its credentials (scope <c>compute</c>, since the executor writes), endpoint and retries.
/// </summary>
internal sealed class GcpExecutorSource : IDisposable
{
    private readonly GcpSourceOptions options;
    private readonly GcpCredentialSource credentials;
    private readonly HttpClient httpClient;

    public GcpExecutorSource(string name, GcpSourceOptions options, string settingPath, TimeProvider time, ILogger logger)
    {
        Name = name;
        this.options = options;
        httpClient = ConnectorHttp.CreateClient();
        credentials = new GcpCredentialSource(options.Credentials, settingPath, GcpCredentialSource.ComputeScope);
        var http = new ResilientHttpClient(httpClient, options.Http, time, logger, "gcp", new ConnectorRetryRules { IsThrottled = GcpComputeClient.IsThrottled })
        {
            DescribeError = GcpComputeClient.DescribeError,
        };
        Compute = new GcpComputeCalls(http, new Uri(options.Endpoint.TrimEnd('/') + "/"), credentials);
        Images = new GcpComputeClient(http, new Uri(options.Endpoint.TrimEnd('/') + "/"), credentials);
        Mapper = new GceAssetMapper(options);
    }

    public string Name { get; }

    public GcpComputeCalls Compute { get; }

    /// <summary>The discovery client, for reading an image's family and version labels.</summary>
    public GcpComputeClient Images { get; }

    public GceAssetMapper Mapper { get; }

    public bool Covers(string project) => options.Projects.Contains(project, StringComparer.Ordinal);

    public void Dispose()
    {
        credentials.Dispose();
        httpClient.Dispose();
    }
}
