using Qlrf.Paging;

namespace Qlrf.Audit;

/// <summary>Reads one organisation's audit log; keys are (organisation, sequence).</summary>
public interface IAuditReader
{
    /// <summary>
    /// Entries matching the filter, in the given order, after the sequence number <paramref name="after"/>
    /// in that order. The page's cursor is the last sequence number returned.
    /// </summary>
    Task<Page<AuditEntry>> QueryAsync(string organisation, AuditFilter filter, AuditOrder order, int limit, long? after, CancellationToken cancellationToken);

    Task<AuditHead?> GetHeadAsync(string organisation, CancellationToken cancellationToken);
}
