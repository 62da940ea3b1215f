using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Configuration;

namespace Qlrf.Sandbox.Certificates;

/// <summary>
/// Issues the PKI file's certificates from the sandbox CA and serves its endpoints on loopback, from start-up to
/// shutdown. Endpoints are found by their target (<c>127.0.0.1:port@sni</c>).
/// </summary>
public sealed class SandboxTlsEndpoints(SandboxPki pki, IOptions<SandboxCertificatesOptions> options) : IHostedService, IAsyncDisposable
{
    private readonly List<SandboxTlsEndpoint> endpoints = [];
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<SandboxTlsEndpoint> Endpoints => endpoints;

    /// <summary>Completes once the endpoints listen (a sweep at start-up waits for it).</summary>
    public Task Started => started.Task;

    public SandboxTlsEndpoint? Find(string target) =>
        endpoints.FirstOrDefault(e => string.Equals(e.Target.ToString(), target, StringComparison.OrdinalIgnoreCase));

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.File;
        var path = ConfiguredFile.Find(configured)
            ?? throw new InvalidOperationException($"Setting '{SandboxCertificatesOptions.Section}:File': '{configured}' was not found (looked in {ConfiguredFile.Searched(configured)}).");
        var file = SandboxPkiFile.Read(path);
        var specs = file.Certificates.ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var spec in file.Certificates)
        {
            pki.Issue(spec.Name, spec.Environment, spec.SubjectAlternativeNames, TimeSpan.FromDays(spec.ValidityDays), spec.KeyType);
        }

        foreach (var spec in file.Endpoints)
        {
            var endpoint = new SandboxTlsEndpoint(spec, specs[spec.Certificate].SubjectAlternativeNames[0].Replace("*.", "www.", StringComparison.Ordinal), pki.Current(spec.Certificate)!, pki.Root);
            endpoint.Start();
            endpoints.Add(endpoint);
        }

        started.TrySetResult();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync();

    public async ValueTask DisposeAsync()
    {
        List<SandboxTlsEndpoint> stopping;
        lock (endpoints)
        {
            stopping = [.. endpoints];
            endpoints.Clear();
        }

        foreach (var endpoint in stopping)
        {
            await endpoint.DisposeAsync();
        }
    }
}
