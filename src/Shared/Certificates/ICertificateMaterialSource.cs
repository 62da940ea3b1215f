namespace Qlrf.Certificates;

/// <summary>
/// Reads the material of an issued version of a store's certificate (its PEM chain and PEM private key) for a deployer
/// that writes it where a workload reads it, such as a Kubernetes TLS secret. The material goes from the store to the
/// deployment target and nowhere else: it is never logged, kept in QL-RF's store, or returned by the API.
/// </summary>
public interface ICertificateMaterialSource
{
    /// <summary>The store kind whose versions it reads (<see cref="CertificateStoreKinds"/>).</summary>
    string StoreKind { get; }

    /// <summary>
    /// The material of the version of <paramref name="certificate"/> whose leaf has <paramref name="thumbprint"/> (a
    /// rotation knows the previous and the new version by thumbprint). Throws when the store has no such version, or
    /// when the version's key cannot be exported. The caller disposes it, which zeroes the key.
    /// </summary>
    Task<CertificateMaterial> GetMaterialAsync(Certificate certificate, string thumbprint, CancellationToken cancellationToken);
}
