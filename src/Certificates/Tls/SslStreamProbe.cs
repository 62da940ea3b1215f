using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Qlrf.Certificates.Tls;

/// <summary>
/// A real TLS handshake with <see cref="SslStream"/>: connects, sends the SNI name, accepts whatever is served (it is a
/// scan, not a client), then judges the served chain itself against the configured trust (system roots and/or the
/// anchors: configured CA files, the sandbox CA), without revocation checks (offline), and whether the SANs cover the name.
/// </summary>
public sealed class SslStreamProbe(IOptions<TlsProbeOptions> options, IEnumerable<ITrustAnchors> anchors, TimeProvider time) : ITlsProbe
{
    public async Task<TlsProbeResult> ProbeAsync(TlsTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        X509Certificate2? leaf = null;
        List<X509Certificate2> served = [];
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(target.Host, target.Port, timeout.Token);
            await using var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false);
            await stream.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = target.Sni,
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                    RemoteCertificateValidationCallback = (_, certificate, chain, _) =>
                    {
                        if (certificate is not null)
                        {
                            leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
                        }

                        served = chain is null ? [] : [.. chain.ChainElements.Select(e => X509CertificateLoader.LoadCertificate(e.Certificate.RawData))];
                        return true;
                    },
                },
                timeout.Token);
            if (leaf is null)
            {
                return new TlsProbeResult { Target = target, Error = "the server sent no certificate" };
            }

            return Describe(target, leaf, served, stream.SslProtocol);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new TlsProbeResult { Target = target, Error = $"no handshake within {options.Value.Timeout}" };
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException)
        {
            return new TlsProbeResult { Target = target, Error = ex.Message };
        }
        finally
        {
            leaf?.Dispose();
            foreach (var c in served)
            {
                c.Dispose();
            }
        }
    }

    private TlsProbeResult Describe(TlsTarget target, X509Certificate2 leaf, List<X509Certificate2> served, SslProtocols protocol)
    {
        var (chainValid, chainError, chain) = Validate(leaf, served);
        var sans = CertificateFacts.SubjectAlternativeNames(leaf);
        var nameOk = SanMatcher.Covers(sans, target.Sni) || (sans.Count == 0 && leaf.GetNameInfo(X509NameType.DnsName, forIssuer: false) is { } cn && SanMatcher.Covers([cn], target.Sni));
        var (type, size) = CertificateFacts.Key(leaf);
        var errors = new[] { chainError, nameOk ? null : $"the certificate does not name {target.Sni}" }.Where(e => e is not null);
        return new TlsProbeResult
        {
            Target = target,
            Thumbprint = leaf.Thumbprint,
            Subject = leaf.Subject,
            Issuer = leaf.Issuer,
            SerialNumber = leaf.SerialNumber,
            NotBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero),
            NotAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero),
            SubjectAlternativeNames = sans,
            SignatureAlgorithm = leaf.SignatureAlgorithm.FriendlyName ?? leaf.SignatureAlgorithm.Value ?? string.Empty,
            KeyType = type,
            KeySize = size,
            Protocol = protocol.ToString(),
            Chain = chain,
            ChainValid = chainValid,
            NameMatches = nameOk,
            Error = errors.Any() ? string.Join("; ", errors) : null,
        };
    }

    private (bool Valid, string? Error, IReadOnlyList<string> Chain) Validate(X509Certificate2 leaf, List<X509Certificate2> served)
    {
        var roots = anchors.SelectMany(a => a.Anchors).ToList();
        var attempts = new List<X509ChainTrustMode>();
        if (options.Value.TrustSystemRoots)
        {
            attempts.Add(X509ChainTrustMode.System);
        }

        if (roots.Count > 0)
        {
            attempts.Add(X509ChainTrustMode.CustomRootTrust);
        }

        string? error = attempts.Count == 0 ? "no trust configured" : null;
        IReadOnlyList<string> subjects = [leaf.Subject];
        foreach (var mode in attempts)
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.TrustMode = mode;
            chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
            chain.ChainPolicy.ExtraStore.AddRange(served.Where(c => c.Thumbprint != leaf.Thumbprint).ToArray());
            if (mode == X509ChainTrustMode.CustomRootTrust)
            {
                chain.ChainPolicy.CustomTrustStore.AddRange(roots.ToArray());
            }

            var valid = chain.Build(leaf);
            subjects = [.. chain.ChainElements.Select(e => e.Certificate.Subject)];
            if (valid)
            {
                return (true, null, subjects);
            }

            error = string.Join(", ", chain.ChainStatus.Select(s => s.Status.ToString()).Distinct());
        }

        return (false, $"chain: {error}", subjects);
    }
}
