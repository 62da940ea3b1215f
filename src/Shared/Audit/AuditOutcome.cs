namespace Qlrf.Audit;

/// <summary>How an audited action ended: done, refused for lack of permission or sign-in, or failed.</summary>
public enum AuditOutcome
{
    Success,
    Denied,
    Failed,
}
