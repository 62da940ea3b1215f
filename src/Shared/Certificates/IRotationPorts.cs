namespace Qlrf.Certificates;

/// <summary>Creates a new version of a certificate in its store (Key Vault from its policy, the sandbox from its CA).</summary>
public interface ICertificateIssuer
{
    /// <summary>The store kinds this issuer serves.</summary>
    string StoreKind { get; }

    /// <summary>
    /// Issues a new version of the certificate. Idempotent by <paramref name="idempotencyKey"/>: a redelivery returns the
    /// version issued the first time.
    /// </summary>
    Task<IssuedVersion> IssueAsync(Certificate certificate, NewVersionParameters parameters, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// After a rotation rolled back: makes the version with <paramref name="thumbprint"/> (the one served again) the store's
    /// current version, so the inventory's next sweep shows what is served rather than the version issued and withdrawn.
    /// Idempotent. Returns false where the store cannot (Key Vault serves its newest version by name, whatever was rolled back).
    /// </summary>
    Task<bool> RestoreAsync(Certificate certificate, string thumbprint, CancellationToken cancellationToken);
}

/// <summary>A version a store issued.</summary>
public sealed record IssuedVersion(string Thumbprint, string Version, DateTimeOffset NotAfter);

/// <summary>
/// Deploys a certificate version to a usage (reloads an endpoint, updates a Kubernetes secret and restarts the workloads
/// that mount it). Deploying the version already deployed changes nothing. Throws when the deployment failed.
/// </summary>
public interface ICertificateDeployer
{
    bool CanDeploy(Certificate certificate, CertificateUsage usage);

    Task DeployAsync(Certificate certificate, CertificateUsage usage, string thumbprint, CancellationToken cancellationToken);
}

/// <summary>Performs a real TLS handshake with an endpoint and reports what it served.</summary>
public interface ITlsProbe
{
    Task<TlsProbeResult> ProbeAsync(TlsTarget target, CancellationToken cancellationToken);
}

/// <summary>
/// An endpoint to handshake with: host, port, and the SNI name to send (the host when null). Written
/// <c>host:port</c> or <c>host:port@sni</c>, which is safe in a URL path segment (certificate ids hold it).
/// </summary>
public sealed record TlsTarget(string Host, int Port, string? ServerName = null)
{
    public string Sni => ServerName ?? Host;

    public override string ToString() => ServerName is null || ServerName == Host
        ? FormattableString.Invariant($"{Host}:{Port}")
        : FormattableString.Invariant($"{Host}:{Port}@{ServerName}");

    /// <summary>Parses <c>host:port</c> or <c>host:port@sni</c>.</summary>
    public static TlsTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var slash = text.IndexOf('@', StringComparison.Ordinal);
        var hostPort = slash < 0 ? text : text[..slash];
        var colon = hostPort.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(hostPort[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new FormatException($"'{text}' is not host:port or host:port@sni.");
        }

        return new TlsTarget(hostPort[..colon], port, slash < 0 ? null : text[(slash + 1)..]);
    }
}

/// <summary>What a handshake saw: the leaf and chain, the negotiated protocol, and whether the chain validated.</summary>
public sealed record TlsProbeResult
{
    public required TlsTarget Target { get; init; }

    /// <summary>Null when the handshake failed (see <see cref="Error"/>).</summary>
    public string? Thumbprint { get; init; }

    public string Subject { get; init; } = string.Empty;

    public string Issuer { get; init; } = string.Empty;

    public string SerialNumber { get; init; } = string.Empty;

    public DateTimeOffset NotBefore { get; init; }

    public DateTimeOffset NotAfter { get; init; }

    public IReadOnlyList<string> SubjectAlternativeNames { get; init; } = [];

    public string SignatureAlgorithm { get; init; } = string.Empty;

    public string KeyType { get; init; } = string.Empty;

    public int KeySize { get; init; }

    public string Protocol { get; init; } = string.Empty;

    /// <summary>Subjects of the served chain, leaf first.</summary>
    public IReadOnlyList<string> Chain { get; init; } = [];

    public bool ChainValid { get; init; }

    /// <summary>Whether the leaf's SANs (or, without SANs, its common name) cover the SNI name.</summary>
    public bool NameMatches { get; init; }

    /// <summary>Why the chain did not validate, or why the handshake failed.</summary>
    public string? Error { get; init; }

    public bool Succeeded => Thumbprint is not null;
}

/// <summary>Judges a handshake after a deployment: the expected thumbprint served, the chain valid, not expired. Pure.</summary>
public static class RotationValidation
{
    public static string? Failure(TlsProbeResult result, string expectedThumbprint, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            return $"handshake failed: {result.Error}";
        }

        if (!string.Equals(result.Thumbprint, expectedThumbprint, StringComparison.OrdinalIgnoreCase))
        {
            return $"served {result.Thumbprint}, expected {expectedThumbprint}";
        }

        if (!result.ChainValid)
        {
            return $"chain does not validate: {result.Error}";
        }

        return result.NotAfter <= now ? FormattableString.Invariant($"served certificate expired at {result.NotAfter:u}") : null;
    }
}
