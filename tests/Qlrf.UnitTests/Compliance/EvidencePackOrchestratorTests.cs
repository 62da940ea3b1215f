using Qlrf.Compliance;
using Qlrf.Compliance.Evidence;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Compliance;

public sealed class EvidencePackOrchestratorTests
{
    private static readonly EvidencePackInput Input = new("acme", "evp-1");
    private static readonly EvidenceScope Scope = new(3, ["ubuntu@1"], 0, [], []);

    [Fact]
    public async Task The_pack_is_scoped_written_then_verified_with_each_step_in_the_custom_status()
    {
        var context = new FakeOrchestrationContext("acme:evp-1")
            .On<EvidencePackInput, EvidenceScope>(nameof(ScopeEvidencePackActivity), _ => Scope)
            .On<WriteEvidencePackInput, EvidencePackStepResult>(nameof(WriteEvidencePackActivity), i => new(i.Scope.ImageVersions.Count + 7, 1000))
            .On<EvidencePackInput, EvidencePackStepResult>(nameof(CompleteEvidencePackActivity), _ => new(8, 1000));

        var outcome = await new EvidencePackOrchestrator().RunAsync(context, Input);

        Assert.Equal(new EvidencePackOutcome(EvidencePackStatus.Completed, 8, 1000, null), outcome);
        Assert.Equal([nameof(ScopeEvidencePackActivity), nameof(WriteEvidencePackActivity), nameof(CompleteEvidencePackActivity)], context.Calls.Select(c => c.Name));
        Assert.Equal(
            ["scoping", "writing", "verifying", "stored"],
            context.CustomStatuses.Select(s => System.Text.Json.JsonDocument.Parse(s!).RootElement.GetProperty("step").GetString()));
        Assert.Contains("\"filesWritten\":8", context.CustomStatuses[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_step_marks_the_pack_failed_with_the_reason()
    {
        FailEvidencePackInput? failed = null;
        var context = new FakeOrchestrationContext("acme:evp-1")
            .On<EvidencePackInput, EvidenceScope>(nameof(ScopeEvidencePackActivity), _ => Scope)
            .On<WriteEvidencePackInput, EvidencePackStepResult>(nameof(WriteEvidencePackActivity), _ => throw new InvalidOperationException("disk full"))
            .On<FailEvidencePackInput, bool>(nameof(FailEvidencePackActivity), i => (failed = i) is not null);

        var outcome = await new EvidencePackOrchestrator().RunAsync(context, Input);

        Assert.Equal(EvidencePackStatus.Failed, outcome.Status);
        Assert.NotNull(failed);
        Assert.Equal("evp-1", failed.PackId);
        Assert.Contains("disk full", failed.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(context.Calls, c => c.Name == nameof(CompleteEvidencePackActivity));
        Assert.Contains("failed", context.CustomStatuses[^1], StringComparison.Ordinal);
    }
}
