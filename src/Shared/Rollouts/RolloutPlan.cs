namespace Qlrf.Rollouts;

/// <summary>
/// The ordered work of a rollout: the canary (stage 0, when there is one) and then the waves, each a
/// list of batches of asset ids. Every asset of the scope appears exactly once.
/// </summary>
public sealed record RolloutPlan(IReadOnlyList<RolloutStage> Stages)
{
    public int AssetCount => Stages.Sum(s => s.AssetCount);

    public IEnumerable<string> AssetIds => Stages.SelectMany(s => s.Batches).SelectMany(b => b);

    public RolloutStage? Canary => Stages.FirstOrDefault(s => s.IsCanary);
}

/// <summary>One stage: the canary, or wave <see cref="Number"/>.</summary>
public sealed record RolloutStage(int Number, bool IsCanary, IReadOnlyList<IReadOnlyList<string>> Batches)
{
    public int AssetCount => Batches.Sum(b => b.Count);

    public string Name => IsCanary ? "canary" : $"wave {Number}";
}
