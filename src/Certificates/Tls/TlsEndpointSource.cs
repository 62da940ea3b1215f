using Microsoft.Extensions.Configuration;

namespace Qlrf.Certificates.Tls;

/// <summary>
/// A configured list of TLS endpoints (<c>host:port</c> or <c>host:port@sni</c>), each scanned with a real handshake:
/// one certificate per endpoint (what it serves), and the endpoint as a usage. An endpoint that does not answer keeps its
/// last known state.
/// </summary>
public sealed class TlsEndpointSource(CertificateSourceDefinition definition, IReadOnlyList<TlsTarget> targets, ITlsProbe probe, int concurrency, TimeProvider time) : ICertificateSource
{
    public string Name => definition.Name;

    public string Kind => definition.Kind;

    public string Organisation => definition.Organisation;

    public async Task<CertificateSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var results = await TlsScanner.ScanAsync(probe, targets, concurrency, cancellationToken);
        var now = time.GetUtcNow();
        var certificates = new List<Certificate>();
        var endpoints = new List<ServedEndpoint>();
        var unreachable = new List<string>();
        foreach (var result in results)
        {
            var id = $"{Name}:{result.Target}";
            if (!result.Succeeded)
            {
                unreachable.Add(id);
                continue;
            }

            certificates.Add(new Certificate
            {
                Id = id,
                Organisation = Organisation,
                Store = Name,
                StoreKind = CertificateStoreKinds.TlsEndpoint,
                Name = result.Target.ToString(),
                Environment = definition.Environment,
                Subject = result.Subject,
                Issuer = result.Issuer,
                Thumbprint = result.Thumbprint!,
                SerialNumber = result.SerialNumber,
                NotBefore = result.NotBefore,
                NotAfter = result.NotAfter,
                SubjectAlternativeNames = result.SubjectAlternativeNames,
                SignatureAlgorithm = result.SignatureAlgorithm,
                KeyType = result.KeyType,
                KeySize = result.KeySize,
                Version = result.Thumbprint!,
                ChainValid = result.ChainValid && result.NameMatches,
                Protocol = result.Protocol,
                SeenAt = now,
            });
            endpoints.Add(new ServedEndpoint(result.Target.ToString(), result.Target.Sni, definition.Environment, result.Thumbprint!, []));
        }

        return new CertificateSweepResult(certificates, endpoints, [], unreachable);
    }
}

/// <summary>Creates TLS endpoint sources (kind <c>tls-endpoint</c>). Setting: <c>Endpoints</c>, a list of <c>host:port[@sni]</c>.</summary>
public sealed class TlsEndpointSourceFactory(ITlsProbe probe, Microsoft.Extensions.Options.IOptions<TlsProbeOptions> options, TimeProvider time) : ICertificateSourceFactory
{
    public string Kind => CertificateStoreKinds.TlsEndpoint;

    public IEnumerable<string> Validate(string settingPath, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var endpoints = section.GetSection("Endpoints").GetChildren().ToList();
        if (endpoints.Count == 0)
        {
            yield return $"{settingPath}:Endpoints must list at least one host:port.";
        }

        foreach (var endpoint in endpoints)
        {
            string? problem = null;
            try
            {
                TlsTarget.Parse(endpoint.Value ?? string.Empty);
            }
            catch (FormatException ex)
            {
                problem = $"{settingPath}:Endpoints:{endpoint.Key}: {ex.Message}";
            }

            if (problem is not null)
            {
                yield return problem;
            }
        }
    }

    public ICertificateSource Create(CertificateSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var targets = section.GetSection("Endpoints").GetChildren().Select(e => TlsTarget.Parse(e.Value!)).ToList();
        return new TlsEndpointSource(definition, targets, probe, options.Value.MaxConcurrency, time);
    }
}
