using Microsoft.Extensions.Configuration;
using Qlrf.Certificates;
using Qlrf.Secrets;

namespace Qlrf.Sandbox.Secrets;

/// <summary>The sandbox secret store's inventory: each secret's metadata and the sandbox workloads that use it (<c>sandbox://workloads/{name}</c>).</summary>
public sealed class SandboxSecretSource(CertificateSourceDefinition definition, SandboxSecretVault vault, TimeProvider time) : ISecretSource
{
    public string Name => definition.Name;

    public string Kind => definition.Kind;

    public string Organisation => definition.Organisation;

    /// <summary>The prefix of a sandbox workload's id.</summary>
    public const string WorkloadPrefix = "sandbox://workloads/";

    /// <summary>The asset-like id of a sandbox workload.</summary>
    public static string WorkloadId(string name) => WorkloadPrefix + name;

    public Task<SecretSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var secrets = vault.List().Select(s => new Secret
        {
            Id = $"{Name}:{s.Name}",
            Organisation = Organisation,
            Store = Name,
            StoreKind = SecretStoreKinds.Sandbox,
            Name = s.Name,
            Environment = s.Environment,
            Version = s.Version,
            CreatedAt = s.Created,
            UpdatedAt = s.Updated,
            ExpiresAt = s.Expires,
            Enabled = s.Enabled,
            ContentType = s.ContentType,
            RotationDays = s.RotationDays,
            Workloads = [.. s.Workloads.Select(WorkloadId)],
            SeenAt = now,
        }).ToList();
        return Task.FromResult(new SecretSweepResult(secrets));
    }
}

/// <summary>Creates the sandbox secret source (kind <c>sandbox</c>); its settings are the secrets file's (<c>Qlrf:Sandbox:Secrets</c>).</summary>
public sealed class SandboxSecretSourceFactory(SandboxSecretVault vault, TimeProvider time) : ISecretSourceFactory
{
    public string Kind => SecretStoreKinds.Sandbox;

    public IEnumerable<string> Validate(string settingPath, IConfiguration section) => [];

    public ISecretSource Create(CertificateSourceDefinition definition, IConfiguration section) => new SandboxSecretSource(definition, vault, time);
}
