using System.Globalization;
using Qlrf.Ai;
using Qlrf.Paging;

namespace Qlrf.Store.Tables;

/// <summary>
/// AI tasks and model token usage on Table Storage (<see cref="TableNames.AiTasks"/>): rows <c>t|{task}</c> (task ids
/// sort newest first, so a listing is a forward range) and <c>u|{day}</c> (counters, added to conditional on the row's ETag).
/// </summary>
public sealed class TableAiStore(ITables tables) : IAiTaskStore, IAiUsageStore
{
    private const int Attempts = 10;

    private ITable Table => tables[TableNames.AiTasks];

    public async Task<AiTask> CreateAsync(AiTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        var created = task with { ETag = 1 };
        try
        {
            await Table.SubmitAsync([TableAction.Add(Row(created))], cancellationToken);
            return created;
        }
        catch (TableConflictException)
        {
            return (await GetAsync(task.Organisation, task.Id, cancellationToken))!;
        }
    }

    public async Task<AiTask?> GetAsync(string organisation, string id, CancellationToken cancellationToken) =>
        await Table.GetAsync(organisation, TaskKey(id), cancellationToken) is { } row ? Read(row) : null;

    public async Task<Page<AiTask>> ListAsync(string organisation, int limit, string? after, CancellationToken cancellationToken)
    {
        var prefix = "t" + TableKeys.Separator;
        var from = after is null ? prefix : TaskKey(after);
        var items = new List<AiTask>();
        await foreach (var row in Table.QueryAsync(organisation, from, TableKeys.PrefixEnd(prefix), cancellationToken))
        {
            if (row.RowKey == from && after is not null)
            {
                continue;
            }

            items.Add(Read(row));
            if (items.Count > limit)
            {
                break;
            }
        }

        return Pages.Of(items, limit, t => t.Id);
    }

    public async Task<AiTask?> ReplaceAsync(AiTask task, long expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (await Table.GetAsync(task.Organisation, TaskKey(task.Id), cancellationToken) is not { } stored || stored.Number("Version") != expectedETag)
        {
            return null;
        }

        var next = task with { ETag = expectedETag + 1 };
        try
        {
            await Table.SubmitAsync([TableAction.Replace(Row(next), stored.ETag)], cancellationToken);
            return next;
        }
        catch (TablePreconditionException)
        {
            return null;
        }
    }

    public async Task AddAsync(string organisation, DateOnly day, AiUsage usage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(usage);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await Table.GetAsync(organisation, UsageKey(day), cancellationToken);
            var row = new TableRow(organisation, UsageKey(day))
            {
                ["InputTokens"] = (stored is null ? 0 : stored.Number("InputTokens")) + usage.InputTokens,
                ["OutputTokens"] = (stored is null ? 0 : stored.Number("OutputTokens")) + usage.OutputTokens,
                ["Calls"] = (stored is null ? 0 : stored.Number("Calls")) + usage.Calls,
            };
            try
            {
                await Table.SubmitAsync([stored is null ? TableAction.Add(row) : TableAction.Replace(row, stored.ETag)], cancellationToken);
                return;
            }
            catch (Exception e) when (e is TableConflictException or TablePreconditionException && attempt < Attempts)
            {
                // Another reply of the same day counted first; read again.
            }
        }
    }

    public async Task<IReadOnlyList<AiUsageDay>> ListAsync(string organisation, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var days = new List<AiUsageDay>();
        await foreach (var row in Table.QueryAsync(organisation, UsageKey(from), UsageKey(to.AddDays(1)), cancellationToken))
        {
            var day = DateOnly.ParseExact(TableKeys.Unescape(row.RowKey[2..]), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            days.Add(new AiUsageDay(organisation, day, row.Number("InputTokens"), row.Number("OutputTokens"), (int)row.Number("Calls")));
        }

        return days;
    }

    private static string TaskKey(string id) => TableKeys.Join("t", id);

    private static string UsageKey(DateOnly day) => TableKeys.Join("u", day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static TableRow Row(AiTask task)
    {
        var row = new TableRow(task.Organisation, TaskKey(task.Id)) { ["Version"] = task.ETag };
        JsonColumns.Write(row, task);
        return row;
    }

    private static AiTask Read(TableRow row) => JsonColumns.Read<AiTask>(row) with { ETag = row.Number("Version") };
}
