using Qlrf.Compliance;
using Qlrf.Errors;

namespace Qlrf.IntegrationTests.Compliance;

/// <summary>
/// A hand-written <see cref="IComplianceEvaluator"/> registered in the test's host only, until the compliance engine
/// (built in parallel) registers the real one: one framework with a failing, a passing and a manual control.
/// </summary>
public sealed class ContractComplianceEvaluator(TimeProvider time) : IComplianceEvaluator
{
    public IReadOnlyList<FrameworkRef> Frameworks { get; } = [new("cis-v8", "8.0", "CIS Controls v8")];

    public Task<FrameworkResult> EvaluateAsync(string organisation, string frameworkId, IReadOnlyList<string> environments, CancellationToken cancellationToken)
    {
        var framework = Frameworks.FirstOrDefault(f => f.Id == frameworkId) ?? throw new NotFoundException($"There is no framework '{frameworkId}'.");
        return Task.FromResult(new FrameworkResult(framework, time.GetUtcNow(),
        [
            new("cis-v8", "7.3", "Perform automated OS patch management", ControlOutcome.Failing, 10, 2, ["asset-runs-golden"],
                [new ControlFailure("asset", "use1-prod-web-05", "asset-runs-golden", "runs 2026.10.1") { Environment = "prod" }]),
            new("cis-v8", "11.5", "Test data recovery", ControlOutcome.Passing, 1, 0, ["dr-drill-passed"], []),
            new("cis-v8", "14.1", "Security awareness", ControlOutcome.Manual, 0, 0, [], []) { ManualEvidence = "training records" },
        ]));
    }
}
