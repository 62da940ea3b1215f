namespace Qlrf.Secrets;

/// <summary>Adds a new version of a secret to its store and restores a previous one (a rollback). Never returns a value.</summary>
public interface ISecretVersioner
{
    string StoreKind { get; }

    /// <summary>Adds a new current version (a fresh value the store generates). Idempotent by <paramref name="idempotencyKey"/>.</summary>
    Task<string> AddVersionAsync(Secret secret, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="version"/> current again.</summary>
    Task RestoreAsync(Secret secret, string version, CancellationToken cancellationToken);
}

/// <summary>Restarts a workload that uses a secret, rolling, so it loads the given version. Throws when the restart failed.</summary>
public interface ISecretWorkloadRestarter
{
    bool CanRestart(Secret secret, SecretUsage usage);

    Task RestartAsync(Secret secret, SecretUsage usage, string version, CancellationToken cancellationToken);
}

/// <summary>Checks that a workload still connects: a TCP connect or an HTTP GET expecting a status. Returns why it failed, or null.</summary>
public interface IConnectivityChecker
{
    Task<string?> CheckAsync(ConnectivityCheck check, CancellationToken cancellationToken);
}

/// <summary>Knows the connectivity check of some workloads (the configured ones, the sandbox's own); null when it knows none.</summary>
public interface IConnectivityCheckSource
{
    ConnectivityCheck? CheckFor(Secret secret, string workload);
}
