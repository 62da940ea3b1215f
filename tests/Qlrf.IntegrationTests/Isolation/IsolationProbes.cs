using Qlrf.Api;

namespace Qlrf.IntegrationTests.Isolation;

/// <summary>What organisation B's admin must get for a call.</summary>
public enum Expect
{
    /// <summary>404 ProblemDetails: the id in the path names nothing B has.</summary>
    NotFound,

    /// <summary>400 or 404 ProblemDetails: an id in the query or body names nothing B has.</summary>
    Refused,

    /// <summary>Success on B's own data (a listing, B's own new object, B's settings), with nothing of A's in it.</summary>
    Own,
}

/// <summary>One call B makes with A's ids.</summary>
public sealed record Probe(string Path, string? Body, Expect Expect)
{
    public override string ToString() => Path;
}

/// <summary>
/// For every route and method of the API, the calls organisation B's admin makes with organisation A's ids and what
/// each must get. A route missing here fails <see cref="OrganisationIsolationTests"/>: a new route cannot skip it.
/// </summary>
public static class IsolationProbes
{
    /// <summary>Routes this test does not call, and why. They authenticate callers by other means than an organisation's credential.</summary>
    public static readonly IReadOnlyDictionary<string, string> NotProbed = new Dictionary<string, string>
    {
        [Key("GET", Routes.Healthz)] = "public: no credential, no organisation",
        [Key("GET", Routes.Readyz)] = "public: no credential, no organisation",
        [Key("GET", Routes.OpenApiDocument)] = "public: no credential, no organisation",
        [Key("GET", Routes.UiConfig)] = "public: no credential, no organisation (the UI's sign-in settings, the same for all)",
        [Key("POST", Routes.SlackCallback)] = "self-authenticated (Slack signature); the Slack user's mapping names the organisation",
        [Key("POST", Routes.TeamsCallback)] = "self-authenticated (Bot Framework token); the Teams user's mapping names the organisation",
        [Key("GET", Routes.ApprovalLink)] = "self-authenticated: the signed single-use token is the credential, issued to one approver",
        [Key("POST", Routes.ApprovalLink)] = "self-authenticated: the signed single-use token is the credential, issued to one approver",
    };

    public static string Key(string method, string route) => $"{method} {route}";

    public static IReadOnlyDictionary<string, Func<OrganisationA, Probe[]>> All { get; } = new Dictionary<string, Func<OrganisationA, Probe[]>>
    {
        // Inventory and discovery
        [Key("GET", Routes.Assets)] = a => [Refused($"/api/v1/assets?site={a.Site}"), Own("/api/v1/assets")],
        [Key("GET", Routes.Asset)] = a => [Gone(Path(Routes.Asset, a.AssetId))],
        [Key("GET", Routes.Sites)] = _ => [Own("/api/v1/sites")],
        [Key("POST", Routes.DiscoverySweeps)] = _ => [Refused("/api/v1/discovery/sweeps", """{"source":"sandbox"}""")],
        [Key("GET", Routes.DiscoveryRuns)] = _ => [Own("/api/v1/discovery/runs")],
        [Key("GET", Routes.DiscoveryRun)] = a => [Gone(Path(Routes.DiscoveryRun, a.RunId))],
        [Key("GET", Routes.DiscoveryDeadLetters)] = _ => [Own("/api/v1/discovery/dead-letters")],

        // Images
        [Key("GET", Routes.ImageFamilies)] = _ => [Own("/api/v1/images/families")],
        [Key("POST", Routes.ImageFamilies)] = _ => [Own("/api/v1/images/families", """{"name":"globex-other","os":"Debian 12","owner":"platform"}""")],
        [Key("GET", Routes.ImageFamily)] = _ => [Gone(Path(Routes.ImageFamily, OrganisationA.Family))],
        [Key("POST", Routes.ImageFamilyVersions)] = _ =>
            [Gone(Path(Routes.ImageFamilyVersions, OrganisationA.Family), """{"version":"3.0.0","platforms":{"aws":"ami-0123456789abcdef0"}}""")],
        [Key("GET", Routes.ImageFamilyLineageTree)] = _ => [Gone(Path(Routes.ImageFamilyLineageTree, OrganisationA.Family))],
        [Key("GET", Routes.Image)] = _ => [Gone(Path(Routes.Image, OrganisationA.Image))],
        [Key("POST", Routes.ImageTransitions)] = _ =>
            [Gone(Path(Routes.ImageTransitions, OrganisationA.Image), """{"status":"production","reason":"b"}"""),
             Gone(Path(Routes.ImageTransitions, OrganisationA.Image), """{"status":"draft","reason":"b","rollback":true}""")],
        [Key("GET", Routes.ImageLineage)] = _ => [Gone(Path(Routes.ImageLineage, OrganisationA.Image))],
        [Key("POST", Routes.ImageLineageParents)] = _ =>
            [Gone(Path(Routes.ImageLineageParents, OrganisationA.NewerImage), $$"""{"parent":"{{OrganisationA.Image}}","relation":"derived_from"}"""),
             Refused(Path(Routes.ImageLineageParents, OrganisationA.BImage), $$"""{"parent":"{{OrganisationA.Image}}","relation":"derived_from"}""")],
        [Key("GET", Routes.ImageVulnerabilities)] = _ => [Gone(Path(Routes.ImageVulnerabilities, OrganisationA.Image))],
        [Key("POST", Routes.ImageVulnerabilities)] = _ => [Gone(Path(Routes.ImageVulnerabilities, OrganisationA.Image) + "?format=trivy", """{"SchemaVersion":2,"Results":[]}""")],
        [Key("GET", Routes.ImageVulnerabilitiesDiff)] = _ =>
            [Gone(Path(Routes.ImageVulnerabilitiesDiff, OrganisationA.Image) + "?against=" + OrganisationA.NewerImage),
             Refused(Path(Routes.ImageVulnerabilitiesDiff, OrganisationA.BImage) + "?against=" + OrganisationA.Image)],
        [Key("GET", Routes.ImageSbom)] = _ => [Gone(Path(Routes.ImageSbom, OrganisationA.Image))],
        [Key("POST", Routes.ImageSbom)] = _ =>
            [Gone(Path(Routes.ImageSbom, OrganisationA.Image) + "?format=cyclonedx", """{"bomFormat":"CycloneDX","specVersion":"1.5","components":[]}""")],
        [Key("GET", Routes.ImageComponents)] = _ => [Gone(Path(Routes.ImageComponents, OrganisationA.Image))],
        [Key("GET", Routes.ImageComponentsDiff)] = _ =>
            [Gone(Path(Routes.ImageComponentsDiff, OrganisationA.Image) + "?against=" + OrganisationA.NewerImage),
             Refused(Path(Routes.ImageComponentsDiff, OrganisationA.BImage) + "?against=" + OrganisationA.Image)],
        [Key("GET", Routes.ImageBuilds)] = _ => [Gone(Path(Routes.ImageBuilds, OrganisationA.Image))],
        [Key("POST", Routes.ImageBuilds)] = _ =>
            [Gone(Path(Routes.ImageBuilds, OrganisationA.Image), """{"builder":"packer","startedAt":"2026-11-01T00:00:00Z","finishedAt":"2026-11-01T01:00:00Z"}""")],
        [Key("GET", Routes.ImageDeployments)] = _ => [Gone(Path(Routes.ImageDeployments, OrganisationA.Image))],

        // Drift
        [Key("GET", Routes.Drift)] = _ => [Own("/api/v1/drift")],
        [Key("GET", Routes.DriftHeatmap)] = _ => [Own("/api/v1/drift/heatmap")],
        [Key("GET", Routes.DriftOutdated)] = a => [Own("/api/v1/drift/outdated"), Refused($"/api/v1/drift/outdated?site={a.Site}")],
        [Key("GET", Routes.DriftOutdatedExport)] = _ => [Own("/api/v1/drift/outdated/export")],
        [Key("GET", Routes.DriftTrends)] = _ => [Own("/api/v1/drift/trends")],
        [Key("POST", Routes.DriftSnapshots)] = _ => [Own("/api/v1/drift/snapshots", "{}")],
        [Key("GET", Routes.DriftAsset)] = a => [Gone(Path(Routes.DriftAsset, a.AssetId))],
        [Key("GET", Routes.DriftThresholds)] = _ => [Own("/api/v1/drift/thresholds")],
        [Key("PUT", Routes.DriftThresholds)] = _ => [Own("/api/v1/drift/thresholds", """{"redBelow":10,"amberBelow":20}""")],

        // Identity and audit
        [Key("GET", Routes.RbacRoles)] = _ => [Own("/api/v1/rbac/roles")],
        [Key("GET", Routes.RbacMe)] = _ => [Own("/api/v1/rbac/me")],
        [Key("GET", Routes.RbacBindings)] = _ => [Own("/api/v1/rbac/bindings")],
        [Key("POST", Routes.RbacBindings)] = _ => [Own("/api/v1/rbac/bindings", """{"subject":"wile","role":"viewer"}""")],
        [Key("GET", Routes.RbacBinding)] = a => [Gone(Path(Routes.RbacBinding, a.BindingId))],
        [Key("DELETE", Routes.RbacBinding)] = a => [Gone(Path(Routes.RbacBinding, a.BindingId))],
        [Key("GET", Routes.ApiKeys)] = _ => [Own("/api/v1/api-keys")],
        [Key("POST", Routes.ApiKeys)] = _ => [Own("/api/v1/api-keys", """{"name":"globex-ci","role":"viewer"}""")],
        [Key("GET", Routes.ApiKey)] = a => [Gone(Path(Routes.ApiKey, a.KeyId))],
        [Key("DELETE", Routes.ApiKey)] = a => [Gone(Path(Routes.ApiKey, a.KeyId))],
        [Key("GET", Routes.Audit)] = _ => [Own("/api/v1/audit?limit=500")],
        [Key("GET", Routes.AuditExport)] = _ => [Own("/api/v1/audit/export")],
        [Key("GET", Routes.AuditVerify)] = _ => [Own("/api/v1/audit/verify")],

        // Rollouts
        [Key("GET", Routes.Rollouts)] = _ => [Own("/api/v1/rollouts"), Own("/api/v1/rollouts?imageFamily=ubuntu-2204-base")],
        [Key("POST", Routes.Rollouts)] = a =>
            [Refused("/api/v1/rollouts", """{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"2026.10.1"}}"""),
             Refused("/api/v1/rollouts", $$$"""{"target":{"imageFamily":"{{{OrganisationA.BFamily}}}","imageVersion":"1.0.0"},"scope":{"assetIds":["{{{a.AssetId}}}"]}}""")],
        [Key("GET", Routes.Rollout)] = a => [Gone(Path(Routes.Rollout, a.RolloutId))],
        [Key("POST", Routes.RolloutPlan)] = a =>
            [Refused("/api/v1/rollouts/plan", """{"target":{"imageFamily":"ubuntu-2204-base","imageVersion":"2026.10.1"}}"""),
             Refused("/api/v1/rollouts/plan", $$$"""{"target":{"imageFamily":"{{{OrganisationA.BFamily}}}","imageVersion":"1.0.0"},"scope":{"assetIds":["{{{a.AssetId}}}"]}}""")],
        [Key("GET", Routes.RolloutExplanation)] = a => [Gone(Path(Routes.RolloutExplanation, a.RolloutId))],
        [Key("POST", Routes.RolloutApprove)] = a => [Gone(Path(Routes.RolloutApprove, a.RolloutId), """{"comment":"b approves"}""")],
        [Key("POST", Routes.RolloutReject)] = a => [Gone(Path(Routes.RolloutReject, a.RolloutId), """{"comment":"b rejects"}""")],
        [Key("POST", Routes.RolloutPause)] = a => [Gone(Path(Routes.RolloutPause, a.RolloutId), "{}")],
        [Key("POST", Routes.RolloutResume)] = a => [Gone(Path(Routes.RolloutResume, a.RolloutId), "{}")],
        [Key("POST", Routes.RolloutCancel)] = a => [Gone(Path(Routes.RolloutCancel, a.RolloutId), """{"rollback":true}""")],
        [Key("GET", Routes.RolloutPolicyExceptions)] = _ => [Own("/api/v1/rollouts/policy-exceptions")],
        [Key("POST", Routes.RolloutPolicyExceptions)] = _ =>
            [Refused("/api/v1/rollouts/policy-exceptions", $$"""{"target":"{{OrganisationA.Image}}","reason":"b"}""")],
        [Key("DELETE", Routes.RolloutPolicyException)] = a => [Gone(Path(Routes.RolloutPolicyException, a.PolicyExceptionId))],

        // DR
        [Key("GET", Routes.DrPairs)] = _ => [Own("/api/v1/dr/pairs")],
        [Key("POST", Routes.DrPairs)] = _ => [Refused("/api/v1/dr/pairs", DrPairJson("globex-pair"))],
        [Key("GET", Routes.DrPair)] = _ => [Gone(Path(Routes.DrPair, OrganisationA.Pair))],
        [Key("PUT", Routes.DrPair)] = _ => [Gone(Path(Routes.DrPair, OrganisationA.Pair), DrPairJson(OrganisationA.Pair))],
        [Key("DELETE", Routes.DrPair)] = _ => [Gone(Path(Routes.DrPair, OrganisationA.DryPair))],
        [Key("GET", Routes.DrPairReadiness)] = _ => [Gone(Path(Routes.DrPairReadiness, OrganisationA.Pair))],
        [Key("GET", Routes.DrReadiness)] = _ => [Own("/api/v1/dr/readiness")],
        [Key("POST", Routes.DrDrills)] = _ => [Refused("/api/v1/dr/drills", $$"""{"pairId":"{{OrganisationA.DryPair}}","kind":"test_failover","dryRun":true}""")],
        [Key("GET", Routes.DrDrills)] = _ => [Own("/api/v1/dr/drills"), Own($"/api/v1/dr/drills?pairId={OrganisationA.Pair}")],
        [Key("GET", Routes.DrDrill)] = a => [Gone(Path(Routes.DrDrill, a.DrillId))],
        [Key("GET", Routes.DrDrillReport)] = a => [Gone(Path(Routes.DrDrillReport, a.FinishedDrillId)), Gone(Path(Routes.DrDrillReport, a.FinishedDrillId) + "?format=markdown")],
        [Key("POST", Routes.DrDrillApprove)] = a => [Gone(Path(Routes.DrDrillApprove, a.DrillId), """{"comment":"b approves"}""")],
        [Key("POST", Routes.DrDrillReject)] = a => [Gone(Path(Routes.DrDrillReject, a.DrillId), """{"comment":"b rejects"}""")],
        [Key("POST", Routes.DrDrillPause)] = a => [Gone(Path(Routes.DrDrillPause, a.DrillId), "{}")],
        [Key("POST", Routes.DrDrillResume)] = a => [Gone(Path(Routes.DrDrillResume, a.DrillId), "{}")],
        [Key("POST", Routes.DrDrillCancel)] = a => [Gone(Path(Routes.DrDrillCancel, a.DrillId), "{}")],

        // Certificates: A's sandbox certificate, its alert, and A's rotation awaiting approval
        [Key("GET", Routes.Certificates)] = _ => [Own("/api/v1/certificates"), Own("/api/v1/certificates?store=sandbox&expiringWithinDays=30")],
        [Key("GET", Routes.CertificatesSummary)] = _ => [Own("/api/v1/certificates/summary")],
        [Key("GET", Routes.CertificateAlerts)] = _ => [Own("/api/v1/certificates/alerts?includeAcknowledged=true")],
        [Key("POST", Routes.CertificateAlertAcknowledge)] = a => [Gone(Path(Routes.CertificateAlertAcknowledge, a.CertificateAlertId), """{"comment":"b"}""")],
        [Key("POST", Routes.CertificateSourceSweeps)] = _ => [Gone(Path(Routes.CertificateSourceSweeps, "sandbox"))],
        [Key("GET", Routes.Certificate)] = _ => [Gone(Path(Routes.Certificate, OrganisationA.CertificateId))],
        [Key("GET", Routes.CertificateUsage)] = _ => [Gone(Path(Routes.CertificateUsage, OrganisationA.CertificateId))],
        [Key("GET", Routes.CertificateHistory)] = _ => [Gone(Path(Routes.CertificateHistory, OrganisationA.CertificateId))],
        [Key("GET", Routes.CertificateRotations)] = _ => [Gone(Path(Routes.CertificateRotations, OrganisationA.CertificateId))],
        [Key("POST", Routes.CertificateRotations)] = _ => [Gone(Path(Routes.CertificateRotations, OrganisationA.CertificateId), "{}")],
        [Key("GET", Routes.CertificateRotation)] = a => [Gone(Path(Routes.CertificateRotation, a.RotationId))],
        [Key("POST", Routes.CertificateRotationApprove)] = a => [Gone(Path(Routes.CertificateRotationApprove, a.RotationId), """{"comment":"b approves"}""")],
        [Key("POST", Routes.CertificateRotationReject)] = a => [Gone(Path(Routes.CertificateRotationReject, a.RotationId), """{"comment":"b rejects"}""")],
        [Key("POST", Routes.CertificateRotationPause)] = a => [Gone(Path(Routes.CertificateRotationPause, a.RotationId), "{}")],
        [Key("POST", Routes.CertificateRotationResume)] = a => [Gone(Path(Routes.CertificateRotationResume, a.RotationId), "{}")],
        [Key("POST", Routes.CertificateRotationCancel)] = a => [Gone(Path(Routes.CertificateRotationCancel, a.RotationId), "{}")],
        // Compliance: B's own standing (A's assets, images and pairs fail A's controls, never B's)
        [Key("GET", Routes.ComplianceFrameworks)] = _ => [Own("/api/v1/compliance/frameworks")],
        [Key("GET", Routes.ComplianceSummary)] = _ => [Own("/api/v1/compliance/summary"), Own("/api/v1/compliance/summary?environment=prod")],
        [Key("GET", Routes.ComplianceControl)] = _ => [Own("/api/v1/compliance/frameworks/cis-v8/controls/4.1"), Own("/api/v1/compliance/frameworks/soc2/controls/CC8.1")],
        [Key("GET", Routes.ComplianceTrends)] = _ => [Own("/api/v1/compliance/trends?framework=soc2&days=7")],
        // Evidence packs: A's stored pack; B's own listing and pack
        [Key("GET", Routes.EvidencePacks)] = _ => [Own("/api/v1/compliance/evidence-packs")],
        [Key("POST", Routes.EvidencePacks)] = _ => [Own("/api/v1/compliance/evidence-packs", """{"framework":"cis-v8","from":"2026-11-01T00:00:00Z","to":"2026-12-01T00:00:00Z"}""")],
        [Key("GET", Routes.EvidencePack)] = a => [Gone(Path(Routes.EvidencePack, a.EvidencePackId))],
        [Key("GET", Routes.EvidencePackContent)] = a => [Gone(Path(Routes.EvidencePackContent, a.EvidencePackId))],
        [Key("GET", Routes.EvidencePackVerify)] = a => [Gone(Path(Routes.EvidencePackVerify, a.EvidencePackId))],


        // Secrets: A's sandbox secret (metadata only)
        [Key("GET", Routes.Secrets)] = _ => [Own("/api/v1/secrets"), Own("/api/v1/secrets?store=sandbox&rotationOverdue=true")],
        [Key("POST", Routes.SecretSourceSweeps)] = _ => [Gone(Path(Routes.SecretSourceSweeps, "sandbox"))],
        [Key("GET", Routes.Secret)] = _ => [Gone(Path(Routes.Secret, OrganisationA.SecretId))],
        [Key("GET", Routes.SecretRotations)] = _ => [Gone(Path(Routes.SecretRotations, OrganisationA.SecretId))],
        [Key("POST", Routes.SecretRotations)] = _ => [Gone(Path(Routes.SecretRotations, OrganisationA.SecretId), "{}")],
        [Key("GET", Routes.SecretRotation)] = a => [Gone(Path(Routes.SecretRotation, a.SecretRotationId))],
        [Key("POST", Routes.SecretRotationApprove)] = a => [Gone(Path(Routes.SecretRotationApprove, a.SecretRotationId), """{"comment":"b approves"}""")],
        [Key("POST", Routes.SecretRotationReject)] = a => [Gone(Path(Routes.SecretRotationReject, a.SecretRotationId), """{"comment":"b rejects"}""")],
        [Key("POST", Routes.SecretRotationPause)] = a => [Gone(Path(Routes.SecretRotationPause, a.SecretRotationId), "{}")],
        [Key("POST", Routes.SecretRotationResume)] = a => [Gone(Path(Routes.SecretRotationResume, a.SecretRotationId), "{}")],
        [Key("POST", Routes.SecretRotationCancel)] = a => [Gone(Path(Routes.SecretRotationCancel, a.SecretRotationId), "{}")],
        // AI copilot: A's task awaiting approval; B's own tasks, tools, agents and usage
        [Key("POST", Routes.AiTasks)] = _ =>
            [Own("/api/v1/ai/tasks", """{"prompt":"how ready is DR?"}"""), Own("/api/v1/ai/tasks", """{"prompt":"which prod servers are behind on ubuntu-2204-base?"}""")],
        [Key("GET", Routes.AiTasks)] = _ => [Own("/api/v1/ai/tasks")],
        [Key("GET", Routes.AiTask)] = a => [Gone(Path(Routes.AiTask, a.AiTaskId))],
        [Key("POST", Routes.AiTaskApprove)] = a => [Gone(Path(Routes.AiTaskApprove, a.AiTaskId), """{"comment":"b approves"}""")],
        [Key("POST", Routes.AiTaskReject)] = a => [Gone(Path(Routes.AiTaskReject, a.AiTaskId), """{"comment":"b rejects"}""")],
        [Key("GET", Routes.AiTools)] = _ => [Own("/api/v1/ai/tools")],
        [Key("GET", Routes.AiAgents)] = _ => [Own("/api/v1/ai/agents")],
        [Key("GET", Routes.AiUsage)] = _ => [Own("/api/v1/ai/usage")],

        // Runtime administration: A's rollout and drills, live and finished
        [Key("GET", Routes.AdminOrchestration)] = a =>
            [Gone(Path(Routes.AdminOrchestration, a.RolloutId)), Gone(Path(Routes.AdminOrchestration, a.DrillId)), Gone(Path(Routes.AdminOrchestration, a.FinishedDrillId))],
        [Key("POST", Routes.AdminOrchestrationTerminate)] = a =>
            [Gone(Path(Routes.AdminOrchestrationTerminate, a.RolloutId), """{"reason":"b"}"""), Gone(Path(Routes.AdminOrchestrationTerminate, a.DrillId), """{"reason":"b","recursive":true}""")],
        [Key("DELETE", Routes.AdminOrchestration)] = a => [Gone(Path(Routes.AdminOrchestration, a.FinishedDrillId))],
    };

    private static Probe Gone(string path, string? body = null) => new(path, body, Expect.NotFound);

    private static Probe Refused(string path, string body) => new(path, body, Expect.Refused);

    private static Probe Refused(string path) => new(path, null, Expect.Refused);

    private static Probe Own(string path, string? body = null) => new(path, body, Expect.Own);

    private static string Path(string route, string value) =>
        "/" + System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+}", _ => Uri.EscapeDataString(value));

    private static string DrPairJson(string id) => Support.DrCalls.PairJson(id);
}
