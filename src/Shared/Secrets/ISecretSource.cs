using Microsoft.Extensions.Configuration;
using Qlrf.Certificates;

namespace Qlrf.Secrets;

/// <summary>
/// A read-only connector that inventories the secrets of one store (Key Vault, Kubernetes, the sandbox) as metadata:
/// it must never ask its store for a value. Swept on its own schedule into its organisation's inventory. Throws when it
/// cannot produce a trustworthy result, so a failed sweep never removes what it could not see.
/// </summary>
public interface ISecretSource
{
    /// <summary>The configured name, unique among the host's secret sources; secret ids start with it.</summary>
    string Name { get; }

    string Kind { get; }

    string Organisation { get; }

    Task<SecretSweepResult> SweepAsync(CancellationToken cancellationToken);
}

/// <summary>What one sweep of a secret source saw; <paramref name="Unreachable"/> names ids kept at their last known state.</summary>
public sealed record SecretSweepResult(IReadOnlyList<Secret> Secrets, IReadOnlyList<string>? Unreachable = null);

/// <summary>
/// Creates secret sources of one kind from their section, <c>Qlrf:Secrets:Sources:{name}</c>; a source is defined as a
/// certificate source is (<see cref="CertificateSourceDefinition"/>: name, kind, organisation, schedule, environment).
/// </summary>
public interface ISecretSourceFactory
{
    string Kind { get; }

    /// <summary>Problems with the kind-specific settings, each naming the full setting path.</summary>
    IEnumerable<string> Validate(string settingPath, IConfiguration section);

    ISecretSource Create(CertificateSourceDefinition definition, IConfiguration section);
}

/// <summary>One entry of a secret's change history (never a value: versions only).</summary>
public sealed record SecretChange(string Organisation, string SecretId, Certificates.CertificateChangeKind Kind, string? OldVersion, string? NewVersion, DateTimeOffset At, string Source);
