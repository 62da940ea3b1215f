using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Certificates.Tls;
using Qlrf.Sandbox.Certificates;

namespace Qlrf.UnitTests.Certificates;

public sealed class SslStreamProbeTests : IAsyncLifetime
{
    private readonly SandboxPki pki = new(TimeProvider.System);
    private readonly List<SandboxTlsEndpoint> endpoints = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var endpoint in endpoints)
        {
            await endpoint.DisposeAsync();
        }

        pki.Dispose();
    }

    private SandboxTlsEndpoint Serve(string name, bool reloads = true, double days = 5, string keyType = "EC")
    {
        var certificate = pki.Issue(name, "prod", [$"{name}.sandbox.test"], TimeSpan.FromDays(days), keyType);
        var endpoint = new SandboxTlsEndpoint(new SandboxEndpointSpec { Name = name, Certificate = name, Reloads = reloads }, $"{name}.sandbox.test", certificate, pki.Root);
        endpoint.Start();
        endpoints.Add(endpoint);
        return endpoint;
    }

    private SslStreamProbe Probe(bool trustSandbox, bool trustSystem = false) =>
        new(Options.Create(new TlsProbeOptions { TrustSystemRoots = trustSystem, Timeout = TimeSpan.FromSeconds(10) }), trustSandbox ? [pki] : [], TimeProvider.System);

    [Fact]
    public async Task A_handshake_reports_the_served_leaf_chain_protocol_and_names()
    {
        var endpoint = Serve("shop", keyType: "RSA");

        var result = await Probe(trustSandbox: true).ProbeAsync(endpoint.Target, CancellationToken.None);

        Assert.Equal(pki.Current("shop")!.Thumbprint, result.Thumbprint);
        Assert.True(result.ChainValid, result.Error);
        Assert.True(result.NameMatches);
        Assert.Null(result.Error);
        Assert.Equal(["CN=shop.sandbox.test", SandboxPki.RootName], result.Chain);
        Assert.Equal(["shop.sandbox.test"], result.SubjectAlternativeNames);
        Assert.StartsWith("Tls1", result.Protocol, StringComparison.Ordinal);
        Assert.Equal(("RSA", 2048), (result.KeyType, result.KeySize));
        Assert.Equal("sha256ECDSA", result.SignatureAlgorithm);
        Assert.Equal(pki.Current("shop")!.NotAfter.ToUniversalTime(), result.NotAfter.UtcDateTime);
    }

    [Fact]
    public async Task Without_the_sandbox_ca_in_the_trust_the_chain_does_not_validate()
    {
        var endpoint = Serve("shop");

        var result = await Probe(trustSandbox: false, trustSystem: true).ProbeAsync(endpoint.Target, CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.False(result.ChainValid);
        Assert.Contains("chain", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_sni_name_is_reported_and_the_chain_still_judged()
    {
        var endpoint = Serve("shop");

        var result = await Probe(trustSandbox: true).ProbeAsync(endpoint.Target with { ServerName = "other.test" }, CancellationToken.None);

        Assert.True(result.ChainValid);
        Assert.False(result.NameMatches);
        Assert.Contains("other.test", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_serves_a_reloaded_certificate_unless_it_does_not_reload()
    {
        var reloading = Serve("a");
        var stale = Serve("b", reloads: false);
        var probe = Probe(trustSandbox: true);
        var oldStale = stale.Thumbprint;

        var newA = pki.Issue("a", "prod", ["a.sandbox.test"], TimeSpan.FromDays(90), "EC");
        var newB = pki.Issue("b", "prod", ["b.sandbox.test"], TimeSpan.FromDays(90), "EC");
        Assert.True(reloading.Reload(newA));
        Assert.False(stale.Reload(newB));

        Assert.Equal(newA.Thumbprint, (await probe.ProbeAsync(reloading.Target, CancellationToken.None)).Thumbprint);
        Assert.Equal(oldStale, (await probe.ProbeAsync(stale.Target, CancellationToken.None)).Thumbprint);
    }

    [Fact]
    public async Task A_refused_connection_is_a_failed_probe_not_an_exception()
    {
        var endpoint = Serve("gone");
        var target = endpoint.Target;
        await endpoint.DisposeAsync();
        endpoints.Remove(endpoint);

        var result = await Probe(trustSandbox: true).ProbeAsync(target, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task A_scan_returns_results_in_target_order()
    {
        var served = Enumerable.Range(0, 6).Select(i => Serve($"s{i}")).ToList();

        var results = await TlsScanner.ScanAsync(Probe(trustSandbox: true), [.. served.Select(e => e.Target)], maxConcurrency: 3, CancellationToken.None);

        Assert.Equal(served.Select(e => e.Thumbprint), results.Select(r => r.Thumbprint));
    }
}
