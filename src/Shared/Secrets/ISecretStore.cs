using Qlrf.Paging;

namespace Qlrf.Secrets;

/// <summary>An organisation's secret inventory (metadata only) and change history. Keys start with the organisation.</summary>
public interface ISecretStore
{
    /// <summary>
    /// Applies a source's sweep: upserts the secrets it saw, removes the source's secrets it no longer sees (keeping the
    /// unreachable ones), and records each change in the history. Returns the changes.
    /// </summary>
    Task<IReadOnlyList<SecretChange>> ApplySweepAsync(string organisation, string source, SecretSweepResult sweep, DateTimeOffset at, CancellationToken cancellationToken);

    Task<Secret?> GetAsync(string organisation, string secretId, CancellationToken cancellationToken);

    /// <summary>Secrets matching the filter, by id, a page at a time.</summary>
    Task<Page<Secret>> ListAsync(string organisation, SecretFilter filter, int limit, string? after, CancellationToken cancellationToken);

    Task<IReadOnlyList<Secret>> ListAllAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>A secret's change history, newest first.</summary>
    Task<IReadOnlyList<SecretChange>> ListChangesAsync(string organisation, string secretId, CancellationToken cancellationToken);

    /// <summary>Stores a new rotation, or returns the one with the same idempotency key.</summary>
    Task<(SecretRotation Rotation, bool Created)> CreateRotationAsync(SecretRotation rotation, CancellationToken cancellationToken);

    Task<SecretRotation?> GetRotationAsync(string organisation, string rotationId, CancellationToken cancellationToken);

    /// <summary>Changes a rotation atomically; throws <see cref="Errors.NotFoundException"/> when there is none.</summary>
    Task<SecretRotation> UpdateRotationAsync(string organisation, string rotationId, Func<SecretRotation, SecretRotation> change, CancellationToken cancellationToken);

    /// <summary>A secret's rotations, newest first.</summary>
    Task<IReadOnlyList<SecretRotation>> ListRotationsAsync(string organisation, string secretId, CancellationToken cancellationToken);
}

/// <summary>Filters for listing secrets; every given one must match.</summary>
public sealed record SecretFilter
{
    public string? Store { get; init; }

    public string? Environment { get; init; }

    /// <summary>Expiring within this many days of <see cref="Now"/> (expired ones included; secrets without expiry never match).</summary>
    public int? ExpiringWithinDays { get; init; }

    /// <summary>True: only secrets whose rotation policy's date has passed; false: only those whose has not (or without one).</summary>
    public bool? RotationOverdue { get; init; }

    public DateTimeOffset Now { get; init; }

    public bool Matches(Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return (Store is null || string.Equals(secret.Store, Store, StringComparison.OrdinalIgnoreCase))
            && (Environment is null || string.Equals(secret.Environment, Environment, StringComparison.OrdinalIgnoreCase))
            && (ExpiringWithinDays is not { } days || (secret.ExpiresAt is { } expires && expires <= Now.AddDays(days)))
            && (RotationOverdue is not { } overdue || secret.RotationOverdue(Now) == overdue);
    }
}
