using Qlrf.Paging;

namespace Qlrf.Certificates;

/// <summary>
/// An organisation's certificate inventory, usages, change history, alerts and rotations. Keys start with the
/// organisation; a source's certificates are replaced by each of its sweeps as a whole.
/// </summary>
public interface ICertificateStore
{
    /// <summary>
    /// Applies a source's sweep: upserts the certificates it saw, removes the source's certificates it no longer sees
    /// (keeping the unreachable ones), replaces the source's served endpoints and secret references, and records each
    /// change in the history. Returns the changes (none when nothing changed).
    /// </summary>
    Task<IReadOnlyList<CertificateChange>> ApplySweepAsync(string organisation, string source, CertificateSweepResult sweep, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>What every source's endpoints served at their last sweep.</summary>
    Task<IReadOnlyList<ServedEndpoint>> ListServedEndpointsAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>Every source's secret references at their last sweep.</summary>
    Task<IReadOnlyList<SecretReferences>> ListSecretReferencesAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>Replaces the organisation's usages (resolved across every source after a sweep).</summary>
    Task ReplaceUsagesAsync(string organisation, IReadOnlyList<CertificateUsage> usages, CancellationToken cancellationToken);

    Task<Certificate?> GetAsync(string organisation, string certificateId, CancellationToken cancellationToken);

    /// <summary>Certificates matching the filter, soonest expiry first, a page at a time.</summary>
    Task<Page<Certificate>> ListAsync(string organisation, CertificateFilter filter, int limit, string? after, CancellationToken cancellationToken);

    /// <summary>Every certificate of the organisation (for the summary and the alert sweep).</summary>
    Task<IReadOnlyList<Certificate>> ListAllAsync(string organisation, CancellationToken cancellationToken);

    /// <summary>The usages of a certificate, from every source that reported one.</summary>
    Task<IReadOnlyList<CertificateUsage>> ListUsagesAsync(string organisation, string certificateId, CancellationToken cancellationToken);

    Task<int> CountUsagesAsync(string organisation, CancellationToken cancellationToken);

    Task<IReadOnlyList<CertificateChange>> ListChangesAsync(string organisation, string certificateId, CancellationToken cancellationToken);

    /// <summary>Records an alert unless one of the same id exists; true when it was new.</summary>
    Task<bool> RaiseAlertAsync(CertificateAlert alert, CancellationToken cancellationToken);

    /// <summary>Ids of the alerts already raised for a certificate.</summary>
    Task<IReadOnlySet<string>> RaisedAlertIdsAsync(string organisation, string certificateId, CancellationToken cancellationToken);

    Task<IReadOnlyList<CertificateAlert>> ListAlertsAsync(string organisation, bool includeAcknowledged, CancellationToken cancellationToken);

    Task<CertificateAlert?> GetAlertAsync(string organisation, string alertId, CancellationToken cancellationToken);

    Task SaveAlertAsync(CertificateAlert alert, CancellationToken cancellationToken);

    /// <summary>Stores a new rotation, or returns the one with the same idempotency key.</summary>
    Task<(CertificateRotation Rotation, bool Created)> CreateRotationAsync(CertificateRotation rotation, CancellationToken cancellationToken);

    Task<CertificateRotation?> GetRotationAsync(string organisation, string rotationId, CancellationToken cancellationToken);

    /// <summary>Changes a rotation atomically; throws <see cref="Errors.NotFoundException"/> when there is none.</summary>
    Task<CertificateRotation> UpdateRotationAsync(string organisation, string rotationId, Func<CertificateRotation, CertificateRotation> change, CancellationToken cancellationToken);

    /// <summary>A certificate's rotations, newest first.</summary>
    Task<IReadOnlyList<CertificateRotation>> ListRotationsAsync(string organisation, string certificateId, CancellationToken cancellationToken);
}

/// <summary>Filters for listing certificates; every given one must match.</summary>
public sealed record CertificateFilter
{
    /// <summary>Expiring within this many days of <see cref="Now"/> (expired ones included).</summary>
    public int? ExpiringWithinDays { get; init; }

    public DateTimeOffset Now { get; init; }

    /// <summary>Issuer contains this text (case-insensitive).</summary>
    public string? Issuer { get; init; }

    public string? Store { get; init; }

    public string? Environment { get; init; }

    public bool Matches(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return (ExpiringWithinDays is not { } days || certificate.NotAfter <= Now.AddDays(days))
            && (Issuer is null || certificate.Issuer.Contains(Issuer, StringComparison.OrdinalIgnoreCase))
            && (Store is null || string.Equals(certificate.Store, Store, StringComparison.OrdinalIgnoreCase))
            && (Environment is null || string.Equals(certificate.Environment, Environment, StringComparison.OrdinalIgnoreCase));
    }
}
