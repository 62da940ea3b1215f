using System.Text.Json;
using Qlrf.Audit;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>
/// The audit log on Table Storage (<see cref="TableNames.Audit"/>): partition = organisation. An append reads the
/// <c>head</c> row, seals the entry onto it and writes, in one batch, the entry twice (<c>e|{sequence}</c> for oldest
/// first, <c>r|{inverted sequence}</c> for newest first) and the head by its ETag; a concurrent append makes the batch
/// fail and this one seals again onto the new head, so the chain has no gaps or forks.
/// </summary>
public sealed class TableAuditLog(ITables tables, TimeProvider time) : IAuditLog, IAuditReader
{
    private const string Head = "head";
    private const string Ascending = "e";
    private const string Descending = "r";
    private const int MaxAttempts = 100;

    private ITable Table => tables[TableNames.Audit];

    public async Task<AuditEntry> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        for (var attempt = 1; ; attempt++)
        {
            var head = await Table.GetAsync(auditEvent.Organisation, Head, cancellationToken);
            var previous = head is null ? null : new AuditHead(head.Number("Sequence"), head.Text("Hash"));
            var entry = AuditChain.Seal(auditEvent, previous, time.GetUtcNow());
            var newHead = new TableRow(entry.Organisation, Head) { ["Sequence"] = entry.Sequence, ["Hash"] = entry.Hash };
            try
            {
                await Table.SubmitAsync(
                [
                    TableAction.Add(Write(entry, Key(Ascending, entry.Sequence))),
                    TableAction.Add(Write(entry, Key(Descending, long.MaxValue - entry.Sequence))),
                    head is null ? TableAction.Add(newHead) : TableAction.Replace(newHead, head.ETag),
                ], cancellationToken);
                return entry;
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < MaxAttempts)
            {
                // Another append took this sequence number; seal onto the new head.
            }
        }
    }

    public async Task<Page<AuditEntry>> QueryAsync(string organisation, AuditFilter filter, AuditOrder order, int limit, long? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var newest = order == AuditOrder.NewestFirst;
        var prefix = newest ? Descending : Ascending;
        var from = after is { } a ? Key(prefix, newest ? long.MaxValue - a + 1 : a + 1) : prefix + TableKeys.Separator;
        var entries = new List<AuditEntry>();
        await foreach (var row in Table.QueryAsync(organisation, from, TableKeys.PrefixEnd(prefix + TableKeys.Separator), cancellationToken))
        {
            var entry = Read(row);
            if (Matches(entry, filter))
            {
                entries.Add(entry);
                if (entries.Count > limit)
                {
                    break;
                }
            }
        }

        return Pages.Of(entries, limit, e => e.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<AuditHead?> GetHeadAsync(string organisation, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, Head, cancellationToken) is { } head ? new AuditHead(head.Number("Sequence"), head.Text("Hash")) : null;

    private static string Key(string prefix, long number) => prefix + TableKeys.Separator + TableKeys.Number(number);

    private static bool Matches(AuditEntry e, AuditFilter f) =>
        (f.Actor is null || e.Actor == f.Actor)
        && (f.Action is null || e.Action == f.Action)
        && (f.Target is null || e.Target == f.Target)
        && (f.Outcome is null || e.Outcome == f.Outcome)
        && (f.From is null || e.Time >= f.From)
        && (f.To is null || e.Time < f.To);

    private static TableRow Write(AuditEntry e, string rowKey) => new(e.Organisation, rowKey)
    {
        ["Sequence"] = e.Sequence,
        ["Time"] = e.Time,
        ["Actor"] = e.Actor,
        ["Action"] = e.Action,
        ["Target"] = e.Target,
        ["Outcome"] = EnumText<AuditOutcome>.Of(e.Outcome),
        ["RequestId"] = e.RequestId,
        ["Source"] = e.Source,
        ["Details"] = JsonSerializer.Serialize(e.Details.ToDictionary(), QlrfJson.Options),
        ["PreviousHash"] = e.PreviousHash,
        ["Hash"] = e.Hash,
    };

    private static AuditEntry Read(TableRow row) => new()
    {
        Organisation = row.PartitionKey,
        Sequence = row.Number("Sequence"),
        Time = row.GetDate("Time") ?? DateTimeOffset.MinValue,
        Actor = row.Text("Actor"),
        Action = row.Text("Action"),
        Target = row.Text("Target"),
        Outcome = EnumText<AuditOutcome>.TryParse(row.Text("Outcome"), out var outcome) ? outcome : (AuditOutcome)(-1),
        RequestId = row.Text("RequestId"),
        Source = row.Text("Source"),
        Details = ReadDetails(row.Text("Details")),
        PreviousHash = row.Text("PreviousHash"),
        Hash = row.Text("Hash"),
    };

    /// <summary>Details as stored; a row edited into something unreadable still reads, so that verification can report it.</summary>
    private static Dictionary<string, string> ReadDetails(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json, QlrfJson.Options) ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, string> { ["unreadable"] = json };
        }
    }
}
