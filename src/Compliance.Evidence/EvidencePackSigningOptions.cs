namespace Qlrf.Compliance.Evidence;

/// <summary>
/// The key evidence packs are signed with (<c>Qlrf:Compliance:Signing</c>): an ECDSA P-256 or RSA private key, from a
/// PEM or PFX file (<see cref="KeyPath"/>) or a PEM value (<see cref="Key"/>; on Azure the Key Vault secret
/// <c>Qlrf--Compliance--Signing--Key</c> supplies it). With neither set, the local host generates a P-256 key at
/// <see cref="LocalKeyPath"/> (in its data directory) on first use and keeps it.
/// </summary>
public sealed class EvidencePackSigningOptions
{
    public const string Section = "Qlrf:Compliance:Signing";

    /// <summary>A PEM file (a PKCS#8, EC or RSA private key, optionally encrypted) or a PFX/PKCS#12 file (<c>.pfx</c>, <c>.p12</c>).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The private key as PEM text (from configuration or Key Vault).</summary>
    public string? Key { get; set; }

    /// <summary>The password of an encrypted PEM key or of the PFX file.</summary>
    public string? KeyPassword { get; set; }

    /// <summary>Where the local host keeps the key it generates when neither <see cref="KeyPath"/> nor <see cref="Key"/> is set; unset on Azure.</summary>
    public string? LocalKeyPath { get; set; }
}
