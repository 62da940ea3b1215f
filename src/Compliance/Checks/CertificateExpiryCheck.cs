using System.Globalization;
using Qlrf.Certificates;

namespace Qlrf.Compliance.Checks;

/// <summary><c>certificate-expiry</c>: no enabled certificate expires within <c>withinDays</c> (an expired one fails too).</summary>
public sealed class CertificateExpiryCheck(ICertificateStore certificates) : IComplianceCheck
{
    public const string CheckId = "certificate-expiry";

    public string Id => CheckId;

    public string ObjectKind => "certificate";

    public string Description => "No certificate expires within N days.";

    public IReadOnlyList<CheckParameter> Parameters { get; } =
        [CheckParameter.Number("withinDays", 30, 1, 3650, "How many days before expiry a certificate fails.")];

    public bool ClockDependent => true;

    public async Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var within = context.Parameters.Number("withinDays");
        return (await certificates.ListAllAsync(context.Organisation, cancellationToken))
            .Where(c => c.Enabled)
            .Select(c => Judge(c, context.Now, within))
            .ToList();
    }

    public static CheckObjectResult Judge(Certificate certificate, DateTimeOffset now, int withinDays)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var days = (int)Math.Floor((certificate.NotAfter - now).TotalDays);
        var (passed, reason) = certificate.NotAfter <= now
            ? (false, string.Create(CultureInfo.InvariantCulture, $"expired on {certificate.NotAfter:yyyy-MM-dd}"))
            : days < withinDays
                ? (false, string.Create(CultureInfo.InvariantCulture, $"expires on {certificate.NotAfter:yyyy-MM-dd}, in {days} days (fewer than {withinDays})"))
                : (true, string.Create(CultureInfo.InvariantCulture, $"expires on {certificate.NotAfter:yyyy-MM-dd}, in {days} days"));
        return new CheckObjectResult("certificate", certificate.Id, passed, reason) { Environment = certificate.Environment };
    }
}
