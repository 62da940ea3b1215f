using Qlrf.Drift;
using Qlrf.Inventory;

namespace Qlrf.Bench.Drift;

/// <summary>The in-memory passes: a full recompute through the engine, and the plainest pass over the same arrays for comparison.</summary>
internal static class InMemoryPasses
{
    /// <summary>Evaluates every asset and adds it to its summary groups: what a full recompute does.</summary>
    public static Dictionary<DriftGroup, DriftCounters> FullRecompute(Asset[] assets, IReadOnlyDictionary<string, FamilyBaseline> baselines)
    {
        var delta = new DriftDelta();
        foreach (var asset in assets)
        {
            delta.Apply(null, DriftEvaluator.Evaluate(asset, baselines.GetValueOrDefault(asset.Image!.Family)));
        }

        return delta.Groups.ToDictionary(g => g.Key, g => g.Value);
    }

    /// <summary>Counts compliant assets per family by comparing version strings: the least work that touches every asset.</summary>
    public static long PlainPass(Asset[] assets, IReadOnlyDictionary<string, FamilyBaseline> baselines)
    {
        var production = baselines.ToDictionary(b => b.Key, b => b.Value.On(Platform.Aws)!.Version, StringComparer.Ordinal);
        long compliant = 0;
        foreach (var asset in assets)
        {
            if (asset.Image!.Version == production[asset.Image.Family])
            {
                compliant++;
            }
        }

        return compliant;
    }

    /// <summary>Applies re-evaluations to in-memory summaries (the upkeep arithmetic alone, no store).</summary>
    public static int Upkeep(AssetDrift[] rows, int[] picks, string[] newVersions, IReadOnlyDictionary<string, FamilyBaseline> baselines)
    {
        var delta = new DriftDelta();
        for (var i = 0; i < picks.Length; i++)
        {
            var before = rows[picks[i]];
            var asset = new Asset
            {
                Id = before.AssetId,
                Name = before.Name,
                Platform = before.Platform,
                Site = before.Site,
                Environment = before.Environment,
                Image = new ImageRef(before.Family!, newVersions[i]),
            };
            var after = DriftEvaluator.Evaluate(asset, baselines[before.Family!]);
            delta.Apply(before, after);
            rows[picks[i]] = after;
        }

        return delta.Changed;
    }
}
