using System.Text;
using System.Text.Json;
using Moq;
using Qlrf.Approvals;
using Qlrf.Compliance.EvidencePacks;
using Qlrf.Dr;
using Qlrf.Paging;
using Qlrf.Rollouts;

namespace Qlrf.UnitTests.Compliance;

/// <summary>Drills and changes in a pack: only those in the range and the environments, with their reports and approvals.</summary>
public sealed class EvidencePackChangesTests
{
    private static readonly DateTimeOffset Now = EvidencePackSample.Now;

    [Fact]
    public async Task Drill_reports_and_approvals_in_range_and_scope_are_packed_and_the_rest_left_out()
    {
        using var sample = new EvidencePackSample();
        sample.Drills.Setup(s => s.ListAsync("acme", null, It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<DrillRecord>(
            [Drill("dr-in", Now.AddDays(-2)), Drill("dr-staging", Now.AddDays(-3)), Drill("dr-old", Now.AddDays(-40))], null));
        Report("dr-in", "prod", Now.AddDays(-2));
        Report("dr-staging", "staging", Now.AddDays(-3));
        Report("dr-old", "prod", Now.AddDays(-40));
        sample.Rollouts.Setup(s => s.ListAsync("acme", It.IsAny<RolloutFilter>(), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>())).ReturnsAsync(new Page<Rollout>(
            [Rollout("ro-self", ["prod"], Now.AddDays(-1)), Rollout("ro-other", ["prod", "staging"], Now.AddDays(-5)), Rollout("ro-dev", ["dev"], Now.AddDays(-5))], null));
        sample.Approvals.Setup(s => s.ListBySubjectAsync("acme", It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, string subject, CancellationToken _) => subject switch
            {
                "ro-self" => [Approval(subject, "user:alice")],
                "ro-other" => [Approval(subject, "user:bob")],
                _ => [],
            });

        var (zip, _) = await sample.WriteAsync(EvidencePackSample.Pack("prod"));

        var names = ZipTamper.Names(zip);
        Assert.Contains("drills/dr-in.json", names);
        Assert.Contains("drills/dr-in.md", names);
        Assert.DoesNotContain(names, n => n.StartsWith("drills/dr-staging", StringComparison.Ordinal) || n.StartsWith("drills/dr-old", StringComparison.Ordinal));
        Assert.StartsWith("# DR drill report: dr-in", Encoding.UTF8.GetString(ZipTamper.Read(zip, "drills/dr-in.md")), StringComparison.Ordinal);
        var lines = Encoding.UTF8.GetString(ZipTamper.Read(zip, "approvals/approvals.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["ro-other", "dr-in", "ro-self"], lines.Select(l => l.GetProperty("change").GetProperty("id").GetString()));
        Assert.False(lines[2].GetProperty("approvedByOthers").GetBoolean());
        Assert.True(lines[0].GetProperty("approvedByOthers").GetBoolean());
        Assert.False(lines[1].TryGetProperty("approvedByOthers", out _));
        var index = JsonSerializer.Deserialize<EvidencePackIndex>(ZipTamper.Read(zip, "index.json"), EvidencePackJson.Options)!;
        Assert.Equal(1, index.Counts["drills"]);
        Assert.Equal(3, index.Counts["changes"]);
        Assert.Equal(2, index.Counts["approvals"]);
        Assert.True((await EvidencePackVerifier.VerifyAsync(new MemoryStream(zip), null, default)).Verified);

        void Report(string id, string environment, DateTimeOffset at) =>
            sample.Drills.Setup(s => s.GetReportAsync("acme", id, It.IsAny<CancellationToken>())).ReturnsAsync(new DrillReport
            {
                Organisation = "acme",
                DrillId = id,
                Pair = new DrPairSummary("pair-1", "orders", "site-a", "site-b", environment, ReplicationKind.Asynchronous, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(5)),
                Kind = DrillKind.TestFailover,
                Trigger = DrillTrigger.Manual,
                RequestedBy = "user:carol",
                StartedAt = at,
                FinishedAt = at.AddMinutes(12),
                Outcome = DrillOutcome.Passed,
                Summary = "passed",
                Phases = [new PhaseRecord(DrillPhase.PreCheck, PhaseOutcome.Passed, at, at.AddSeconds(5), null)],
            });
    }

    private static DrillRecord Drill(string id, DateTimeOffset at) => new()
    {
        Organisation = "acme", Id = id, PairId = "pair-1", Kind = DrillKind.TestFailover, Trigger = DrillTrigger.Manual, RequestedBy = "user:carol", CreatedAt = at,
    };

    private static Rollout Rollout(string id, IReadOnlyList<string> environments, DateTimeOffset at) => new()
    {
        Id = id, Organisation = "acme", RequestedBy = "user:alice", CreatedAt = at, Environments = environments,
        Request = new RolloutRequest { Target = new RolloutTarget { ImageFamily = "ubuntu-2204-base", ImageVersion = "2.0.0" } },
    };

    private static Approval Approval(string subject, string approver) => new()
    {
        Id = subject + ":approval", Organisation = "acme", Kind = "rollout", Subject = subject, RequestedBy = "user:alice", Environments = ["prod"],
        RequiredApprovals = 1, CreatedAt = Now.AddDays(-1), ExpiresAt = Now, Status = ApprovalStatus.Approved,
        Decisions = [new ApprovalDecision(approver, ApprovalDecisionKind.Approve, "ok", "api", Now.AddDays(-1))],
    };
}
