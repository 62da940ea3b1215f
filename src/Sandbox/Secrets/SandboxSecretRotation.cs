using Qlrf.Secrets;

namespace Qlrf.Sandbox.Secrets;

/// <summary>Adds and restores versions in the sandbox secret store.</summary>
public sealed class SandboxSecretVersioner(SandboxSecretVault vault) : ISecretVersioner
{
    public string StoreKind => SecretStoreKinds.Sandbox;

    public Task<string> AddVersionAsync(Secret secret, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Task.FromResult(vault.AddVersion(secret.Name, idempotencyKey));
    }

    public Task RestoreAsync(Secret secret, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        vault.Restore(secret.Name, version);
        return Task.CompletedTask;
    }
}

/// <summary>Restarts a sandbox workload with a version of a sandbox secret, and knows each workload's own check.</summary>
public sealed class SandboxWorkloadRestarter(SandboxSecretVault vault, SandboxWorkloads workloads) : ISecretWorkloadRestarter, IConnectivityCheckSource
{
    public bool CanRestart(Secret secret, SecretUsage usage)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(usage);
        return secret.StoreKind == SecretStoreKinds.Sandbox && workloads.Find(usage.Workload) is not null;
    }

    public async Task RestartAsync(Secret secret, SecretUsage usage, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(usage);
        await workloads.Started.WaitAsync(cancellationToken);
        var workload = workloads.Find(usage.Workload) ?? throw new InvalidOperationException($"No sandbox workload {usage.Workload}.");
        if (!vault.HasVersion(secret.Name, version))
        {
            throw new InvalidOperationException($"Sandbox secret {secret.Name} has no version {version}.");
        }

        workload.Restart(secret.Name, version);
    }

    public ConnectivityCheck? CheckFor(Secret secret, string workload) => workloads.Find(workload)?.Check;
}
