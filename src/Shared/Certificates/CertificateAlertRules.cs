namespace Qlrf.Certificates;

/// <summary>Which expiry alerts a sweep raises. Pure.</summary>
public static class CertificateAlertRules
{
    /// <summary>The default thresholds in days before expiry: 30, 7 and expired (0).</summary>
    public static readonly IReadOnlyList<int> DefaultThresholds = [30, 7, 0];

    /// <summary>
    /// The alerts due for <paramref name="certificate"/> at <paramref name="now"/>: the tightest threshold it has
    /// crossed, when no alert of that threshold or a tighter one was raised for this version. A certificate first seen
    /// 3 days before expiry raises the 7-day alert only, not the 30-day one as well.
    /// </summary>
    public static CertificateAlert? Due(Certificate certificate, DateTimeOffset now, IReadOnlyCollection<int> thresholds, IReadOnlySet<string> raised)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(raised);
        var left = certificate.NotAfter - now;
        var crossed = thresholds.Where(t => t >= 0 && left <= TimeSpan.FromDays(t)).ToList();
        if (crossed.Count == 0)
        {
            return null;
        }

        var tightest = crossed.Min();
        if (crossed.Any(t => t <= tightest && raised.Contains(CertificateAlert.IdOf(certificate.Id, certificate.Thumbprint, t))))
        {
            return null;
        }

        return new CertificateAlert
        {
            Id = CertificateAlert.IdOf(certificate.Id, certificate.Thumbprint, tightest),
            Organisation = certificate.Organisation,
            CertificateId = certificate.Id,
            Thumbprint = certificate.Thumbprint,
            ThresholdDays = tightest,
            NotAfter = certificate.NotAfter,
            Environment = certificate.Environment,
            RaisedAt = now,
        };
    }

    /// <summary>Acknowledges an alert; refuses an alert already acknowledged and a blank comment.</summary>
    public static (CertificateAlert? Alert, string? Refusal) Acknowledge(CertificateAlert alert, string actor, string? comment, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.Acknowledged)
        {
            return (null, FormattableString.Invariant($"Already acknowledged by {alert.AcknowledgedBy} at {alert.AcknowledgedAt:u}."));
        }

        return (alert with { AcknowledgedBy = actor, AcknowledgedAt = at, Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim() }, null);
    }
}
