using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qlrf.Identity;

/// <summary>Traces and metrics of identity, access and audit: <c>Qlrf.Identity</c>.</summary>
public static class IdentityTelemetry
{
    public const string Name = "Qlrf.Identity";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> SignIns = Meter.CreateCounter<long>("qlrf.identity.sign_ins", description: "Sign-ins with credentials, by scheme and outcome (ok or the reason refused).");

    public static readonly Counter<long> AccessDenied = Meter.CreateCounter<long>("qlrf.identity.access_denied", description: "Requests refused for want of a permission, by permission.");

    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>("qlrf.identity.rate_limited", description: "Requests refused with 429, by kind of caller.");

    public static readonly Counter<long> AuditEntries = Meter.CreateCounter<long>("qlrf.audit.entries", description: "Audit entries appended by the API, by outcome.");

    public static readonly Counter<long> AuditFailures = Meter.CreateCounter<long>("qlrf.audit.append_failures", description: "Audit entries the API could not append.");
}
