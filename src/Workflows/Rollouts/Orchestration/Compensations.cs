namespace Qlrf.Workflows.Rollouts.Orchestration;

/// <summary>
/// The rollout's compensations, registered before each asset's step and unwound last-in, first-out: the
/// assets it changed move back in the reverse order of their changes.
/// </summary>
internal sealed class Compensations
{
    private readonly List<Compensation> stack = [];
    private readonly Dictionary<string, int> positions = new(StringComparer.Ordinal);

    public int Count => stack.Count;

    /// <summary>Registers the undo of an asset's step before the step runs.</summary>
    public void Register(string assetId, int stage, int batch)
    {
        positions[assetId] = stack.Count;
        stack.Add(new Compensation(assetId, stage, batch, null));
    }

    /// <summary>Records the version the step found the asset on, once the step reports it.</summary>
    public void Revise(string assetId, string? fromVersion)
    {
        if (fromVersion is not null && positions.TryGetValue(assetId, out var at))
        {
            stack[at] = stack[at] with { ToVersion = fromVersion };
        }
    }

    /// <summary>Takes every compensation, newest first, leaving none.</summary>
    public IReadOnlyList<Compensation> Unwind()
    {
        var unwound = Enumerable.Reverse(stack).ToList();
        stack.Clear();
        positions.Clear();
        return unwound;
    }
}

/// <summary>Moving one asset back: to <see cref="ToVersion"/> when its step reported where it was, else to the version recorded at planning.</summary>
internal sealed record Compensation(string AssetId, int Stage, int Batch, string? ToVersion);
