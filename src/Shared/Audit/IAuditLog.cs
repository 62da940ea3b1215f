namespace Qlrf.Audit;

/// <summary>
/// Appends to an organisation's tamper-evident audit log. The API writes an entry for every mutating call
/// and failed sign-in; orchestrations write approvals, rejections and state changes. Appends to one
/// organisation are serialised so that its chain has no gaps or forks.
/// </summary>
public interface IAuditLog
{
    Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);
}
