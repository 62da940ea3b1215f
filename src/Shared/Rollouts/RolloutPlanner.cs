namespace Qlrf.Rollouts;

/// <summary>
/// Orders a rollout's assets and cuts them into a canary, waves and batches. The canary takes the
/// lowest-risk assets first (non-prod before prod, healthy before unhealthy) and never both members of
/// a DR pair; no wave holds both members of a DR pair either (one moves to the next wave).
/// </summary>
public static class RolloutPlanner
{
    public static RolloutPlan Plan(IReadOnlyList<PlannedAsset> assets, RolloutStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(strategy);
        var ordered = assets
            .OrderBy(a => EnvironmentCriticality.Of(a.Environment))
            .ThenBy(a => a.Healthy ? 0 : 1)
            .ThenBy(a => a.Site, StringComparer.Ordinal)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .ToList();
        var total = ordered.Count;
        var stages = new List<RolloutStage>();
        var remaining = new List<PlannedAsset>(ordered);

        if (strategy.HasCanary && total > 0)
        {
            var size = Math.Clamp(strategy.CanaryCount ?? (int)Math.Ceiling(total * strategy.CanaryPercent / 100.0), 1, total);
            var canary = Take(remaining, size);
            stages.Add(new RolloutStage(0, IsCanary: true, Batch(canary, strategy.BatchSize)));
        }

        var done = total - remaining.Count;
        var number = 1;
        foreach (var percent in strategy.Waves.Where(p => p > 0).Order())
        {
            var target = Math.Min(total, (int)Math.Ceiling(total * Math.Min(percent, 100) / 100.0));
            if (target <= done)
            {
                continue;
            }

            var wave = Take(remaining, target - done);
            done += wave.Count;
            stages.Add(new RolloutStage(number++, IsCanary: false, Batch(wave, strategy.BatchSize)));
        }

        // What DR separation pushed past the last wave, and anything the waves did not reach, goes in further waves.
        while (remaining.Count > 0)
        {
            var wave = Take(remaining, remaining.Count);
            stages.Add(new RolloutStage(number++, IsCanary: false, Batch(wave, strategy.BatchSize)));
        }

        return new RolloutPlan(stages);
    }

    /// <summary>Takes up to <paramref name="count"/> assets in order, skipping any whose DR partner is already taken.</summary>
    private static List<PlannedAsset> Take(List<PlannedAsset> remaining, int count)
    {
        var taken = new List<PlannedAsset>(count);
        var pairs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < remaining.Count && taken.Count < count; i++)
        {
            var asset = remaining[i];
            if (asset.DrPair is { } pair && !pairs.Add(pair))
            {
                continue;
            }

            taken.Add(asset);
        }

        if (taken.Count == 0 && remaining.Count > 0)
        {
            taken.Add(remaining[0]);
        }

        var ids = taken.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        remaining.RemoveAll(a => ids.Contains(a.Id));
        return taken;
    }

    private static List<IReadOnlyList<string>> Batch(List<PlannedAsset> assets, int batchSize) =>
        assets.Select(a => a.Id).Chunk(Math.Max(1, batchSize)).Select(c => (IReadOnlyList<string>)c).ToList();
}
