using System.Collections.Frozen;
using Qlrf.Json;
using Qlrf.Inventory;
using Qlrf.Security;
using static Qlrf.Ai.AiParameterType;

namespace Qlrf.Ai.Tools;

/// <summary>The copilot's tools: what each does, its risk, the permission it needs and its arguments.</summary>
public static class AiToolCatalog
{
    private static readonly string[] PlatformNames = [.. EnumText<Platform>.All];

    private static readonly AiToolParameter[] RolloutArguments =
    [
        new("imageFamily", Text, "The golden image family to move the assets to (give this or patchSet)."),
        new("imageVersion", Text, "The family's version; by default its newest production (golden) version."),
        new("patchSet", Text, "A patch set of the catalogue, instead of an image."),
        new("environments", TextList, "Only assets in these environments (e.g. prod, staging)."),
        new("sites", TextList, "Only assets at these sites (e.g. aws:us-east-1)."),
        new("platforms", TextList, "Only assets on these platforms.") { AllowedValues = PlatformNames },
        new("tags", TextMap, "Only assets with every one of these tags (e.g. role: web)."),
        new("canaryCount", Number, "Assets in the canary wave (0 for none); by default the policies' canary.") { Minimum = 0, Maximum = 10_000 },
        new("waitMinutes", Number, "Minutes to wait between waves; by default the risk's recommendation.") { Minimum = 0, Maximum = 1440 },
    ];

    public static IReadOnlyList<AiToolDescriptor> All { get; } =
    [
        new(AiToolNames.QueryAssets, "Lists the organisation's assets matching filters, with their image, version, site, environment and state.", AiRisk.ReadOnly, Permission.ReadAssets,
        [
            new("environment", Text, "Only assets in this environment."),
            new("site", Text, "Only assets at this site."),
            new("platform", Text, "Only assets on this platform.") { AllowedValues = PlatformNames },
            new("imageFamily", Text, "Only assets running this image family."),
            new("tags", TextMap, "Only assets with every one of these tags."),
            new("limit", Number, "At most this many assets (default 25).") { Minimum = 1, Maximum = 100 },
        ]),
        new(AiToolNames.DriftStatus, "Drift: how many assets are compliant, outdated or ahead of their golden image, and the outdated ones, by filter.", AiRisk.ReadOnly, Permission.ReadDrift,
        [
            new("environment", Text, "Only this environment."),
            new("site", Text, "Only this site."),
            new("platform", Text, "Only this platform.") { AllowedValues = PlatformNames },
            new("imageFamily", Text, "Only this image family."),
        ]),
        new(AiToolNames.DriftHeatmap, "The drift heatmap: per site and environment, coverage and RAG status.", AiRisk.ReadOnly, Permission.ReadDrift, []),
        new(AiToolNames.GoldenImage, "A golden image family: its versions with their lifecycle per platform, and which is golden (newest in production).", AiRisk.ReadOnly, Permission.ReadImages,
        [
            new("imageFamily", Text, "The image family.", Required: true),
        ]),
        new(AiToolNames.CompareVersions, "What changed between two versions of a family: vulnerabilities fixed and introduced, components added, removed and changed.", AiRisk.ReadOnly, Permission.ReadImages,
        [
            new("imageFamily", Text, "The image family.", Required: true),
            new("from", Text, "The older version.", Required: true),
            new("to", Text, "The newer version; by default the golden one."),
        ]),
        new(AiToolNames.ImageVulnerabilities, "The vulnerabilities found in an image version, most severe first.", AiRisk.ReadOnly, Permission.ReadImages,
        [
            new("imageFamily", Text, "The image family.", Required: true),
            new("version", Text, "The version; by default the golden one."),
            new("minSeverity", Text, "Only findings at least this severe.") { AllowedValues = ["critical", "high", "medium", "low"] },
        ]),
        new(AiToolNames.DrReadiness, "DR readiness (green, amber, red, with reasons) of one pair or of every pair.", AiRisk.ReadOnly, Permission.ReadDashboard,
        [
            new("pair", Text, "One DR pair; by default all of them."),
        ]),
        new(AiToolNames.CalculateRisk, "Scores the risk of moving a scope to a target (each factor's contribution), without planning waves.", AiRisk.PlanOnly, Permission.ReadDashboard, RolloutArguments),
        new(AiToolNames.PlanRollout, "Dry run: plans a rollout now (waves, batches, risk, policy verdicts, approvals needed) and stores nothing.", AiRisk.PlanOnly, Permission.ReadDashboard, RolloutArguments),
        new(AiToolNames.SimulateFailover, "Dry run of a failover of a DR pair: readiness, the workloads that would move, and the targets; changes nothing.", AiRisk.PlanOnly, Permission.ReadDashboard,
        [
            new("pair", Text, "The DR pair.", Required: true),
        ]),
        new(AiToolNames.ProposeRollout, "Proposes a rollout (created only after a person approves the task; it then waits for its own approval, canary first).", AiRisk.StateChangeProd, Permission.ExecuteRollout, RolloutArguments),
        new(AiToolNames.ProposeDrill, "Proposes a DR drill of a pair (started only after a person approves the task; it then waits for its own approval).", AiRisk.StateChangeProd, Permission.TriggerDrill,
        [
            new("pair", Text, "The DR pair.", Required: true),
            new("kind", Text, "test_failover (isolated, production stays) or planned_failover (moves production).") { AllowedValues = [.. EnumText<Qlrf.Dr.DrillKind>.All] },
            new("dryRun", AiParameterType.Boolean, "Plan the drill's steps without running them."),
        ]),
        new(AiToolNames.AuditQuery, "The audit log, newest first: who did what to what, and the outcome.", AiRisk.ReadOnly, Permission.ReadAudit,
        [
            new("actor", Text, "Only entries by this actor (user:…, key:…)."),
            new("action", Text, "Only entries of this action."),
            new("sinceDays", Number, "Only the last this many days.") { Minimum = 1, Maximum = 365 },
            new("limit", Number, "At most this many entries (default 25).") { Minimum = 1, Maximum = 100 },
        ]),
        new(AiToolNames.CertificateExpiry, "Certificates expiring within a number of days (expired ones included), soonest first, with days left, and the organisation's counts by expiry bucket.", AiRisk.ReadOnly, Permission.ReadCertificates,
        [
            new("withinDays", Number, "Only certificates expiring within this many days (default 30).") { Minimum = 0, Maximum = 3650 },
            new("environment", Text, "Only certificates of this environment."),
            new("issuer", Text, "Only certificates whose issuer contains this text."),
            new("store", Text, "Only certificates of this source (e.g. sandbox, kv-prod)."),
            new("limit", Number, "At most this many certificates (default 25).") { Minimum = 1, Maximum = 100 },
        ]),
        new(AiToolNames.CertificateUsage, "The blast radius of one certificate: the endpoints, ingresses, workloads and assets using it, with counts by environment and kind.", AiRisk.ReadOnly, Permission.ReadCertificates,
        [
            new("certificate", Text, "The certificate's id ({store}:{name}).", Required: true),
        ]),
        new(AiToolNames.ProposeCertificateRotation, "Proposes a rotation of a store's certificate (started only after a person approves the task; it then waits for its own approval, deploys in waves and validates every endpoint).", AiRisk.StateChangeProd, Permission.RotateCertificates,
        [
            new("certificate", Text, "The certificate's id ({store}:{name}).", Required: true),
            new("reason", Text, "Why it is rotated (shown to its approvers)."),
            new("validityDays", Number, "The new version's validity in days; by default the store's.") { Minimum = 1, Maximum = 825 },
        ]),
        new(AiToolNames.AcknowledgeAlert, "Acknowledges an open certificate expiry alert, as the requester, with a comment (after a person approves the task).", AiRisk.StateChangeNonprod, Permission.AcknowledgeAlerts,
        [
            new("alert", Text, "The alert's id.", Required: true),
            new("comment", Text, "Why it is acknowledged."),
        ]),
    ];

    private static readonly FrozenDictionary<string, AiToolDescriptor> ByName = All.ToFrozenDictionary(t => t.Name, StringComparer.Ordinal);

    public static AiToolDescriptor? Find(string name) => ByName.GetValueOrDefault(name);
}
