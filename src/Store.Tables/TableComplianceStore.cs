using System.Globalization;
using System.Text.Json;
using Qlrf.Compliance;
using Qlrf.Json;

namespace Qlrf.Store.Tables;

/// <summary>Compliance results and snapshots on Table Storage (<see cref="TableNames.Compliance"/>, <see cref="TableNames.ComplianceSnapshots"/>).</summary>
public sealed class TableComplianceStore(ITables tables) : IComplianceStore
{
    private const string RunRow = "run";
    private const string ObjectPrefix = "o|";

    private ITable Results => tables[TableNames.Compliance];

    private ITable Snapshots => tables[TableNames.ComplianceSnapshots];

    public async Task ReplaceAsync(string organisation, string instanceKey, DateTimeOffset evaluatedAt, IReadOnlyList<CheckObjectResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        var partition = Partition(organisation, instanceKey);
        var keep = results.Select(r => ObjectPrefix + TableKeys.Escape(r.ObjectId)).ToHashSet(StringComparer.Ordinal);
        var stale = new List<TableAction>();
        await foreach (var row in Results.QueryAsync(partition, ObjectPrefix, TableKeys.PrefixEnd(ObjectPrefix), cancellationToken))
        {
            if (!keep.Contains(row.RowKey))
            {
                stale.Add(TableAction.Delete(new TableRow(partition, row.RowKey)));
            }
        }

        await SubmitAsync(results.Select(r => TableAction.Upsert(Row(partition, r))), cancellationToken);
        await SubmitAsync(stale, cancellationToken);
        await Results.UpsertAsync(new TableRow(partition, RunRow) { ["EvaluatedAt"] = evaluatedAt, ["Objects"] = results.Count }, cancellationToken);
    }

    public async Task ApplyAsync(string organisation, string instanceKey, CheckDelta delta, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var partition = Partition(organisation, instanceKey);
        var upserts = delta.Upserts.Select(r => Row(partition, r)).ToList();
        var upserted = upserts.Select(r => r.RowKey).ToHashSet(StringComparer.Ordinal);
        var deletes = new List<TableAction>();
        foreach (var id in delta.Removed.Distinct(StringComparer.Ordinal))
        {
            var key = ObjectPrefix + TableKeys.Escape(id);
            if (!upserted.Contains(key) && await Results.GetAsync(partition, key, cancellationToken) is not null)
            {
                deletes.Add(TableAction.Delete(new TableRow(partition, key)));
            }
        }

        await SubmitAsync(upserts.Select(TableAction.Upsert).Concat(deletes), cancellationToken);
    }

    public async Task<CheckRun?> GetRunAsync(string organisation, string instanceKey, CancellationToken cancellationToken)
    {
        var partition = Partition(organisation, instanceKey);
        if (await Results.GetAsync(partition, RunRow, cancellationToken) is not { } run)
        {
            return null;
        }

        var count = 0;
        await foreach (var _ in Results.QueryAsync(partition, ObjectPrefix, TableKeys.PrefixEnd(ObjectPrefix), cancellationToken))
        {
            count++;
        }

        return new CheckRun(organisation, instanceKey, run.GetDate("EvaluatedAt") ?? DateTimeOffset.MinValue, count);
    }

    public Task<IReadOnlyList<CheckObjectResult>> ListAsync(string organisation, string instanceKey, CancellationToken cancellationToken) =>
        ReadAsync(organisation, instanceKey, null, cancellationToken);

    public Task<IReadOnlyList<CheckObjectResult>> ListScopeAsync(string organisation, string instanceKey, string scope, CancellationToken cancellationToken) =>
        ReadAsync(organisation, instanceKey, scope, cancellationToken);

    public Task SaveSnapshotAsync(ComplianceSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Snapshots.UpsertAsync(new TableRow(TableKeys.Join(snapshot.Organisation, snapshot.FrameworkId), Day(snapshot.Day))
        {
            ["Body"] = JsonSerializer.Serialize(snapshot, QlrfJson.Options),
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<ComplianceSnapshot>> ListSnapshotsAsync(string organisation, string frameworkId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var snapshots = new List<ComplianceSnapshot>();
        await foreach (var row in Snapshots.QueryAsync(TableKeys.Join(organisation, frameworkId), Day(from), Day(to.AddDays(1)), cancellationToken))
        {
            snapshots.Add(JsonSerializer.Deserialize<ComplianceSnapshot>(row.Text("Body"), QlrfJson.Options)!);
        }

        return snapshots;
    }

    private static string Partition(string organisation, string instanceKey) => TableKeys.Join(organisation, instanceKey);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static TableRow Row(string partition, CheckObjectResult r) => new(partition, ObjectPrefix + TableKeys.Escape(r.ObjectId))
    {
        ["ObjectId"] = r.ObjectId,
        ["Kind"] = r.ObjectKind,
        ["Passed"] = r.Passed,
        ["Reason"] = r.Reason,
        ["Environment"] = r.Environment,
        ["Site"] = r.Site,
        ["Scope"] = r.Scope,
    };

    private async Task<IReadOnlyList<CheckObjectResult>> ReadAsync(string organisation, string instanceKey, string? scope, CancellationToken cancellationToken)
    {
        var results = new List<CheckObjectResult>();
        await foreach (var row in Results.QueryAsync(Partition(organisation, instanceKey), ObjectPrefix, TableKeys.PrefixEnd(ObjectPrefix), cancellationToken))
        {
            var result = new CheckObjectResult(row.Text("Kind"), row.Text("ObjectId"), row["Passed"] is true, row.Text("Reason"))
            {
                Environment = row.GetString("Environment"),
                Site = row.GetString("Site"),
                Scope = row.GetString("Scope"),
            };
            if (scope is null || result.Scope == scope)
            {
                results.Add(result);
            }
        }

        return results.OrderBy(r => r.ObjectId, StringComparer.Ordinal).ToList();
    }

    private async Task SubmitAsync(IEnumerable<TableAction> actions, CancellationToken cancellationToken)
    {
        foreach (var batch in actions.Chunk(TableLimits.MaxBatchActions))
        {
            await Results.SubmitAsync(batch, cancellationToken);
        }
    }
}
