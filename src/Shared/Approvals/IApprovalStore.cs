namespace Qlrf.Approvals;

/// <summary>Approvals, keyed by organisation and id, with optimistic concurrency on <see cref="Approval.ETag"/>.</summary>
public interface IApprovalStore
{
    /// <summary>Stores a new approval; an approval with the same id already stored is returned as it is (idempotent).</summary>
    Task<Approval> CreateAsync(Approval approval, CancellationToken cancellationToken);

    Task<Approval?> GetAsync(string organisation, string approvalId, CancellationToken cancellationToken);

    /// <summary>Writes the approval if the stored one still has <paramref name="expectedETag"/>; returns it with its new tag, or null if it changed meanwhile.</summary>
    Task<Approval?> ReplaceAsync(Approval approval, long expectedETag, CancellationToken cancellationToken);

    /// <summary>The approvals of a workflow instance, oldest first.</summary>
    Task<IReadOnlyList<Approval>> ListBySubjectAsync(string organisation, string subject, CancellationToken cancellationToken);

    /// <summary>Spends a signed link's nonce; false if it was spent before (a link works once).</summary>
    Task<bool> SpendLinkNonceAsync(string organisation, string nonce, string approvalId, CancellationToken cancellationToken);
}
