using System.Globalization;
using System.Text;
using Qlrf.Drift;
using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Store.Sqlite;

/// <summary>Drift on the embedded store: reads here; upkeep and snapshots in the partial files beside it.</summary>
public sealed partial class SqliteDriftStore(SqliteDatabase database) : IDriftStore
{
    public Task<IReadOnlyDictionary<DriftGroup, DriftCounters>> GetSummariesAsync(string organisation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT dimension, key, key2, {DriftRows.CounterColumns} FROM drift_summaries WHERE org = $org";
        command.Add("$org", organisation);
        var summaries = new Dictionary<DriftGroup, DriftCounters>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            summaries[DriftRows.ReadGroup(reader, 0)] = DriftRows.ReadCounters(reader, 3);
        }

        return Task.FromResult<IReadOnlyDictionary<DriftGroup, DriftCounters>>(summaries);
    }

    public Task<AssetDrift?> GetAssetAsync(string organisation, string assetId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {DriftRows.Columns} FROM drift_assets WHERE org = $org AND asset_id = $id";
        command.Add("$org", organisation);
        command.Add("$id", assetId);
        return Task.FromResult(DriftRows.ReadAll(command).FirstOrDefault());
    }

    /// <summary>
    /// Outdated assets through <c>drift_outdated</c>, after merging what upkeep logged since the last merge; an entry that
    /// a change committed after the merge made stale is skipped (the row is read beside it).
    /// </summary>
    public async Task<Page<AssetDrift>> ListOutdatedAsync(string organisation, DriftFilter filter, int limit, string? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        cancellationToken.ThrowIfCancellationRequested();
        if (OutdatedLogged())
        {
            await database.WriteAsync(MergeOutdated, cancellationToken);
        }

        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        var sql = new StringBuilder($"""
            SELECT {DriftRows.JoinedDriftColumns} FROM drift_outdated o
            JOIN drift_assets d ON d.org = o.org AND d.asset_id = o.asset_id AND d.status = 'outdated' AND coalesce(d.outdated_since, 0) = o.since
            WHERE o.org = $org
            """);
        command.Add("$org", organisation);
        if (after is not null)
        {
            var bar = after.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(after.AsSpan(0, bar), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var since))
            {
                throw new FormatException("Not a cursor of outdated assets.");
            }

            sql.Append(" AND (o.since > $since OR (o.since = $since AND o.asset_id > $id))");
            command.Add("$since", since);
            command.Add("$id", after[(bar + 1)..]);
        }

        Filter(sql, command, "environment", filter.Environment);
        Filter(sql, command, "site", filter.Site);
        Filter(sql, command, "platform", filter.Platform is { } p ? EnumText<Platform>.Of(p) : null);
        Filter(sql, command, "family", filter.Family);
        sql.Append(" ORDER BY o.since, o.asset_id LIMIT $n");
        command.Add("$n", limit + 1);
        command.CommandText = sql.ToString();
        var rows = DriftRows.ReadAll(command);
        return SqliteQueue.Paging(rows, limit, r => string.Create(CultureInfo.InvariantCulture, $"{r.OutdatedSince}|{r.AssetId}"));
    }

    private bool OutdatedLogged()
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM drift_outdated_log)";
        return (long)command.ExecuteScalar()! != 0;
    }

    public Task<Page<AssetDrift>> ListRunningAsync(string organisation, string family, string version, int limit, string? after, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {DriftRows.Columns} FROM drift_assets
            WHERE org = $org AND family = $family AND version = $version AND asset_id > $after
            ORDER BY asset_id LIMIT $n
            """;
        command.Add("$org", organisation);
        command.Add("$family", family);
        command.Add("$version", version);
        command.Add("$after", after ?? string.Empty);
        command.Add("$n", limit + 1);
        return Task.FromResult(SqliteQueue.Paging(DriftRows.ReadAll(command), limit, r => r.AssetId));
    }

    public Task<RagThresholds?> GetThresholdsAsync(string organisation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT red_below, amber_below FROM drift_settings WHERE org = $org";
        command.Add("$org", organisation);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? new RagThresholds(reader.GetDouble(0), reader.GetDouble(1)) : null);
    }

    public Task SetThresholdsAsync(string organisation, RagThresholds thresholds, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return database.WriteAsync((connection, transaction) =>
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR REPLACE INTO drift_settings (org, red_below, amber_below, updated_at, updated_by)
                VALUES ($org, $red, $amber, unixepoch() * 1000, $by)
                """;
            command.Add("$org", organisation);
            command.Add("$red", thresholds.RedBelow);
            command.Add("$amber", thresholds.AmberBelow);
            command.Add("$by", actor);
            command.ExecuteNonQuery();
        }, cancellationToken);
    }

    public Task<IReadOnlyList<string>> ListOrganisationsAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT org FROM drift_summaries WHERE dimension = 'organisation' ORDER BY org";
        var orgs = new List<string>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            orgs.Add(reader.GetString(0));
        }

        return Task.FromResult<IReadOnlyList<string>>(orgs);
    }

    private static void Filter(StringBuilder sql, Microsoft.Data.Sqlite.SqliteCommand command, string column, string? value)
    {
        if (value is null)
        {
            return;
        }

        sql.Append(CultureInfo.InvariantCulture, $" AND {column} = ${column}");
        command.Add("$" + column, value);
    }
}
