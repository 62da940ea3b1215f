namespace Qlrf.Audit;

/// <summary>
/// Walks an organisation's entries in sequence order and finds the first broken link: a missing sequence
/// number, a previous hash that does not match the entry before, a hash that does not match the entry's
/// own fields, or a chain that ends short of (or beyond) its head.
/// </summary>
public sealed class AuditChainVerifier(string organisation)
{
    private long lastSequence;
    private string lastHash = AuditChain.Genesis;

    public long Checked { get; private set; }

    public AuditBrokenLink? BrokenLink { get; private set; }

    /// <summary>Checks the next entry; false once a broken link has been found.</summary>
    public bool Add(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (BrokenLink is not null)
        {
            return false;
        }

        var expected = lastSequence + 1;
        BrokenLink = entry switch
        {
            _ when entry.Organisation != organisation =>
                new(entry.Sequence, $"entry {entry.Sequence} belongs to organisation '{entry.Organisation}'"),
            _ when entry.Sequence != expected =>
                new(expected, entry.Sequence > expected
                    ? $"entries {expected} to {entry.Sequence - 1} are missing"
                    : $"entry {entry.Sequence} is out of order after {lastSequence}"),
            _ when entry.PreviousHash != lastHash =>
                new(entry.Sequence, $"entry {entry.Sequence} does not follow entry {lastSequence}: its previous hash does not match"),
            _ when AuditChain.ComputeHash(entry) != entry.Hash =>
                new(entry.Sequence, $"entry {entry.Sequence} was altered: its hash does not match its content"),
            _ => null,
        };
        if (BrokenLink is not null)
        {
            return false;
        }

        (lastSequence, lastHash) = (entry.Sequence, entry.Hash);
        Checked++;
        return true;
    }

    /// <summary>Checks that the chain ends where the head says, and returns the verdict.</summary>
    public AuditVerification Finish(AuditHead? head)
    {
        if (BrokenLink is null && (head?.Sequence ?? 0) != lastSequence)
        {
            BrokenLink = (head?.Sequence ?? 0) > lastSequence
                ? new(lastSequence + 1, $"entries {lastSequence + 1} to {head!.Sequence} are missing from the end")
                : new(lastSequence, $"the chain runs to entry {lastSequence} beyond its head at {head?.Sequence ?? 0}");
        }
        else if (BrokenLink is null && head is not null && head.Hash != lastHash)
        {
            BrokenLink = new(lastSequence, $"entry {lastSequence} does not match the chain's head");
        }

        return new AuditVerification(organisation, BrokenLink is null, Checked, head, BrokenLink);
    }
}

/// <summary>Where the chain breaks: the first sequence number that cannot be trusted, and why.</summary>
public sealed record AuditBrokenLink(long Sequence, string Problem);

/// <summary>The verdict on an organisation's chain.</summary>
public sealed record AuditVerification(string Organisation, bool Verified, long Checked, AuditHead? Head, AuditBrokenLink? FirstBrokenLink);
