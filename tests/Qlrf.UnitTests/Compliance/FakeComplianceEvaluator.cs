using Qlrf.Compliance;
using Qlrf.Errors;

namespace Qlrf.UnitTests.Compliance;

/// <summary>
/// A hand-written <see cref="IComplianceEvaluator"/> with fixed results, standing in for the compliance engine (built in
/// parallel) so that evidence packs can be tested through the contract alone. Unknown frameworks are not found, as the
/// contract says.
/// </summary>
public sealed class FakeComplianceEvaluator : IComplianceEvaluator
{
    public static readonly DateTimeOffset EvaluatedAt = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<FrameworkRef> Frameworks { get; } =
    [
        new("cis-v8", "8.0", "CIS Controls v8"),
        new("soc2", "2017", "SOC 2"),
    ];

    /// <summary>Every call, as (framework, environments).</summary>
    public List<(string Framework, IReadOnlyList<string> Environments)> Calls { get; } = [];

    public Task<FrameworkResult> EvaluateAsync(string organisation, string frameworkId, IReadOnlyList<string> environments, CancellationToken cancellationToken)
    {
        Calls.Add((frameworkId, environments));
        var framework = Frameworks.FirstOrDefault(f => f.Id == frameworkId) ?? throw new NotFoundException($"There is no framework '{frameworkId}'.");
        IReadOnlyList<ControlResult> controls = frameworkId == "cis-v8"
            ?
            [
                new(frameworkId, "7.3", "Perform automated OS patch management", ControlOutcome.Failing, 8, 2, ["asset-runs-golden"],
                    [new ControlFailure("asset", "i-1", "asset-runs-golden", "runs 1.0.0, golden is 2.0.0") { Environment = "prod" }]),
                new(frameworkId, "11.5", "Test data recovery", ControlOutcome.Passing, 1, 0, ["dr-drill-passed"], []),
                new(frameworkId, "14.1", "Security awareness programme", ControlOutcome.Manual, 0, 0, [], []) { ManualEvidence = "training records" },
            ]
            : [new(frameworkId, "CC8.1", "Change management", ControlOutcome.Passing, 3, 0, ["change-approved"], [])];
        return Task.FromResult(new FrameworkResult(framework, EvaluatedAt, controls));
    }
}
