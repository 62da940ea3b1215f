using Qlrf.Compliance;

namespace Qlrf.Bench.EvidencePacks;

/// <summary>A fixed evaluator (the compliance engine is benchmarked on its own): one framework, 40 controls, a failure per failing asset.</summary>
internal sealed class BenchEvaluator(int failingAssets) : IComplianceEvaluator
{
    public IReadOnlyList<FrameworkRef> Frameworks { get; } = [new("cis-v8", "8.0", "CIS Controls v8")];

    public Task<FrameworkResult> EvaluateAsync(string organisation, string frameworkId, IReadOnlyList<string> environments, CancellationToken cancellationToken)
    {
        var controls = Enumerable.Range(1, 40).Select(i => i % 4 == 0
            ? new ControlResult(frameworkId, $"{i}.1", $"Control {i}", ControlOutcome.Failing, 10_000 - failingAssets, failingAssets, ["asset-runs-golden"],
                [.. Enumerable.Range(0, failingAssets).Select(a => new ControlFailure("asset", $"asset-{a:D5}", "asset-runs-golden", "runs an older version") { Environment = "prod" })])
            : new ControlResult(frameworkId, $"{i}.1", $"Control {i}", i % 7 == 0 ? ControlOutcome.Manual : ControlOutcome.Passing, 10_000, 0, ["c"], [])).ToList();
        return Task.FromResult(new FrameworkResult(Frameworks[0], TimeProvider.System.GetUtcNow(), controls));
    }
}
