namespace Qlrf.Certificates;

/// <summary>
/// An expiry alert: raised once when a certificate version crosses a threshold (days before expiry; 0 = expired),
/// notified to the channels, and acknowledged by a person. A new version (thumbprint) starts its thresholds afresh.
/// </summary>
public sealed record CertificateAlert
{
    /// <summary>Deterministic: <c>{certificateId}~{thumbprint}~{threshold}</c> (URL-safe), so a repeated sweep raises nothing twice.</summary>
    public required string Id { get; init; }

    public required string Organisation { get; init; }

    public required string CertificateId { get; init; }

    public required string Thumbprint { get; init; }

    /// <summary>Days before expiry the alert is for; 0 means the certificate has expired.</summary>
    public required int ThresholdDays { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public required string Environment { get; init; }

    public required DateTimeOffset RaisedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? Comment { get; init; }

    public bool Acknowledged => AcknowledgedAt is not null;

    public static string IdOf(string certificateId, string thumbprint, int thresholdDays) =>
        FormattableString.Invariant($"{certificateId}~{thumbprint}~{thresholdDays}");
}
