namespace Qlrf.Certificates;

/// <summary>
/// One certificate as a store holds it: a Key Vault certificate's current version, a Kubernetes TLS secret, the
/// certificate a TLS endpoint serves, or a sandbox certificate. Its id is stable across versions (store + name);
/// the thumbprint names the version.
/// </summary>
public sealed record Certificate
{
    /// <summary>Stable id within the organisation: <c>{store}:{name}</c>.</summary>
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    /// <summary>The configured source that found it (its name), e.g. <c>sandbox</c>, <c>kv-prod</c>.</summary>
    public required string Store { get; init; }

    /// <summary>What kind of store: <see cref="CertificateStoreKinds"/>.</summary>
    public required string StoreKind { get; init; }

    /// <summary>Its name in the store (Key Vault certificate name, namespace/secret, host:port).</summary>
    public required string Name { get; init; }

    public required string Environment { get; init; }

    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    /// <summary>SHA-1 thumbprint, upper-case hex, as Windows and Key Vault print it.</summary>
    public required string Thumbprint { get; init; }

    public required string SerialNumber { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>DNS and IP subject alternative names.</summary>
    public IReadOnlyList<string> SubjectAlternativeNames { get; init; } = [];

    /// <summary>e.g. <c>sha256RSA</c>, <c>sha384ECDSA</c>.</summary>
    public string SignatureAlgorithm { get; init; } = string.Empty;

    /// <summary><c>RSA</c> or <c>EC</c>.</summary>
    public string KeyType { get; init; } = string.Empty;

    public int KeySize { get; init; }

    /// <summary>The store's version id (Key Vault version, secret resourceVersion); the thumbprint when the store has none.</summary>
    public string Version { get; init; } = string.Empty;

    public bool Enabled { get; init; } = true;

    /// <summary>Whether the chain validated when it was last read (endpoints: against the configured trust).</summary>
    public bool? ChainValid { get; init; }

    /// <summary>The TLS protocol an endpoint negotiated, e.g. <c>Tls13</c>; empty for stores.</summary>
    public string Protocol { get; init; } = string.Empty;

    /// <summary>When a sweep last saw it.</summary>
    public DateTimeOffset SeenAt { get; init; }

    /// <summary>Whether a certificate's content (what a change history records) differs from another's.</summary>
    public bool SameContentAs(Certificate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Thumbprint == other.Thumbprint && Enabled == other.Enabled && ChainValid == other.ChainValid
            && Protocol == other.Protocol && Environment == other.Environment && Version == other.Version;
    }
}

/// <summary>The kinds of certificate store.</summary>
public static class CertificateStoreKinds
{
    public const string Sandbox = "sandbox";
    public const string TlsEndpoint = "tls-endpoint";
    public const string KeyVault = "key-vault";
    public const string Kubernetes = "kubernetes";
}
