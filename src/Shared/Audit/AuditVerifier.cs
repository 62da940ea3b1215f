namespace Qlrf.Audit;

/// <summary>Verifies an organisation's whole chain through the reader, a page at a time.</summary>
public static class AuditVerifier
{
    public const int PageSize = 1000;

    public static async Task<AuditVerification> VerifyAsync(IAuditReader reader, string organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var head = await reader.GetHeadAsync(organisation, cancellationToken);
        var verifier = new AuditChainVerifier(organisation);
        long? after = null;
        do
        {
            var page = await reader.QueryAsync(organisation, AuditFilter.None, AuditOrder.OldestFirst, PageSize, after, cancellationToken);
            foreach (var entry in page.Items)
            {
                if (!verifier.Add(entry))
                {
                    return verifier.Finish(head);
                }
            }

            after = page.NextCursor is null ? null : long.Parse(page.NextCursor, System.Globalization.CultureInfo.InvariantCulture);
        }
        while (after is not null);

        return verifier.Finish(head);
    }
}
