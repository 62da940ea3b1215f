using Qlrf.Drift;
using Qlrf.Store.Sqlite;

namespace Qlrf.Bench.Drift;

/// <summary>The bench's correctness check: drift recomputed from scratch from the inventory, against what the store holds.</summary>
internal static class BenchCheck
{
    /// <summary>Summaries of every inventory asset evaluated now, and how many stored drift rows differ from that evaluation.</summary>
    public static (Dictionary<DriftGroup, DriftCounters> Summaries, int Mismatched) Recompute(
        SqliteDatabase database, string organisation, IReadOnlyDictionary<string, FamilyBaseline> baselines)
    {
        using var connection = database.OpenRead();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {DriftRows.InventoryColumns}, {DriftRows.JoinedDriftColumns}
            FROM assets a LEFT JOIN drift_assets d ON d.org = a.org AND d.asset_id = a.id
            WHERE a.org = $org
            """;
        command.Parameters.AddWithValue("$org", organisation);
        var evaluated = new List<AssetDrift>();
        var mismatched = 0;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var asset = DriftRows.ReadInventoryAsset(reader, 0);
            var fresh = asset is null ? null : DriftEvaluator.Evaluate(asset, asset.Image is { Family.Length: > 0 } image ? baselines.GetValueOrDefault(image.Family) : null);
            var stored = reader.IsDBNull(8) ? null : DriftRows.Read(reader, 8);
            if (fresh != stored)
            {
                mismatched++;
            }

            if (fresh is not null)
            {
                evaluated.Add(fresh);
            }
        }

        return (DriftRecompute.Summaries(evaluated), mismatched);
    }
}
