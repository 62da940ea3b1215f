using Qlrf.Approvals;

namespace Qlrf.Store.Tables;

/// <summary>
/// Approvals on Table Storage. <see cref="TableNames.Approvals"/>: partition = organisation; the approval as JSON in
/// <c>a|{id}</c> with its version (<see cref="Approval.ETag"/>), and an index row <c>s|{subject}|{created}|{id}</c>
/// added in the same batch. A replace is conditional on both our version and the row's ETag, so two deciders never
/// both win. Spent signed-link nonces are rows of <see cref="TableNames.ApprovalLinks"/> (partition = organisation,
/// row = nonce): adding one twice is a conflict, so a link works once.
/// </summary>
public sealed class TableApprovalStore(ITables tables, TimeProvider time) : IApprovalStore
{
    private ITable Table => tables[TableNames.Approvals];

    public async Task<Approval> CreateAsync(Approval approval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        var created = approval with { ETag = 1 };
        var index = new TableRow(created.Organisation, TableKeys.Join("s", created.Subject, TableKeys.Number(created.CreatedAt.UtcTicks), created.Id));
        try
        {
            await Table.SubmitAsync([TableAction.Add(Row(created)), TableAction.Add(index)], cancellationToken);
            return created;
        }
        catch (TableConflictException)
        {
            return await GetAsync(approval.Organisation, approval.Id, cancellationToken) ?? throw new InvalidOperationException($"Approval '{approval.Id}' both exists and does not.");
        }
    }

    public async Task<Approval?> GetAsync(string organisation, string approvalId, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, Key(approvalId), cancellationToken) is { } row ? Read(row) : null;

    public async Task<Approval?> ReplaceAsync(Approval approval, long expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(approval);
        if (await Table.GetAsync(approval.Organisation, Key(approval.Id), cancellationToken) is not { } row || Read(row).ETag != expectedETag)
        {
            return null;
        }

        var next = approval with { ETag = expectedETag + 1 };
        try
        {
            await Table.ReplaceAsync(Row(next), row.ETag, cancellationToken);
            return next;
        }
        catch (TablePreconditionException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<Approval>> ListBySubjectAsync(string organisation, string subject, CancellationToken cancellationToken)
    {
        var approvals = new List<Approval>();
        await foreach (var index in Table.QueryPrefixAsync(organisation, TableKeys.Join("s", subject) + TableKeys.Separator, cancellationToken))
        {
            var id = TableKeys.Unescape(index.RowKey.Split(TableKeys.Separator)[^1]);
            if (await GetAsync(organisation, id, cancellationToken) is { } approval)
            {
                approvals.Add(approval);
            }
        }

        return approvals;
    }

    public async Task<bool> SpendLinkNonceAsync(string organisation, string nonce, string approvalId, CancellationToken cancellationToken)
    {
        try
        {
            await tables[TableNames.ApprovalLinks].AddAsync(
                new TableRow(organisation, TableKeys.Escape(nonce)) { ["ApprovalId"] = approvalId, ["SpentAt"] = time.GetUtcNow() }, cancellationToken);
            return true;
        }
        catch (TableConflictException)
        {
            return false;
        }
    }

    private static string Key(string id) => TableKeys.Join("a", id);

    private static TableRow Row(Approval approval)
    {
        var row = new TableRow(approval.Organisation, Key(approval.Id)) { ["Version"] = approval.ETag, ["Status"] = Json.EnumText<ApprovalStatus>.Of(approval.Status) };
        JsonColumns.Write(row, approval);
        return row;
    }

    private static Approval Read(TableRow row) => JsonColumns.Read<Approval>(row) with { ETag = row.Number("Version") };
}
