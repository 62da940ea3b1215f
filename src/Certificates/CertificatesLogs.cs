using Microsoft.Extensions.Logging;

namespace Qlrf.Certificates;

internal static partial class CertificatesLogs
{
    [LoggerMessage(EventId = 1601, Level = LogLevel.Information, Message = "Certificate source {Source} swept: {Certificates} certificates, {Endpoints} endpoints, {Changes} changes, {Alerts} alerts raised")]
    public static partial void Swept(ILogger logger, string source, int certificates, int endpoints, int changes, int alerts);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Error, Message = "Certificate source {Source} failed to sweep")]
    public static partial void SweepFailed(ILogger logger, string source, Exception exception);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Information, Message = "Certificate {CertificateId} crossed its {Threshold}-day expiry threshold (expires {NotAfter})")]
    public static partial void AlertRaised(ILogger logger, string certificateId, int threshold, DateTimeOffset notAfter);
}
