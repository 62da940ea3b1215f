using System.Security.Cryptography.X509Certificates;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Azure;

/// <summary>
/// An <see cref="ArmClient"/> as an <c>azure</c> source's settings describe it: its endpoint and audience, its credential,
/// the CA it trusts, and <see cref="ArmRetryPolicy"/> in place of Azure.Core's retries. Discovery and the executor both use it.
/// </summary>
internal sealed class ArmConnection : IDisposable
{
    private readonly HttpClient httpClient;
    private readonly X509Certificate2? authority;

    public ArmConnection(AzureSourceOptions options, string settingPath, TimeProvider time, ILogger logger)
    {
        authority = options.CaCertificateFile is { } caFile ? X509Certificate2.CreateFromPem(File.ReadAllText(caFile)) : null;
        httpClient = ConnectorHttp.CreateClient(ConnectorHttp.CreateHandler(authority));
        var transport = new HttpClientTransport(httpClient);
        var armOptions = new ArmClientOptions
        {
            Environment = new ArmEnvironment(new Uri(options.Endpoint), options.Audience),
            Transport = transport,
            RetryPolicy = new ArmRetryPolicy(options.Http, time, logger),
        };
        armOptions.Retry.NetworkTimeout = options.Http.Timeout;
        armOptions.Diagnostics.IsLoggingContentEnabled = false;
        Client = new ArmClient(AzureCredentials.Create(options.Credentials, settingPath, transport), defaultSubscriptionId: null, armOptions);
    }

    public ArmClient Client { get; }

    public void Dispose()
    {
        httpClient.Dispose();
        authority?.Dispose();
    }
}
