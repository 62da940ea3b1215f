namespace Qlrf.Api;

/// <summary>
/// Every HTTP route, shared by the local host's endpoint mappings and the Azure Functions HTTP triggers
/// (which run with an empty route prefix, so these are the full paths).
/// <para>
/// Asset ids hold <c>/</c> (<c>k8s://…</c>, <c>arn:aws:ec2:…:instance/i-…</c>, <c>/subscriptions/…</c>), so a route
/// ending in an asset id takes the rest of the path (<c>{*id}</c>): clients send the id percent-encoded, and Azure's
/// front end decodes <c>%2F</c> before the Functions host routes, which a one-segment <c>{id}</c> would then miss.
/// Route values reach handlers percent-decoded (<see cref="Infrastructure.RouteValueDecoder"/>).
/// </para>
/// </summary>
public static class Routes
{
    public const string OpenApiDocument = "openapi/{documentName}.json";

    public const string Healthz = "healthz";
    public const string Readyz = "readyz";

    public const string Assets = "api/v1/assets";
    public const string Asset = "api/v1/assets/{*id}";
    public const string Sites = "api/v1/sites";
    public const string DiscoverySweeps = "api/v1/discovery/sweeps";
    public const string DiscoveryRuns = "api/v1/discovery/runs";
    public const string DiscoveryRun = "api/v1/discovery/runs/{id}";
    public const string DiscoveryDeadLetters = "api/v1/discovery/dead-letters";

    public const string ImageFamilies = "api/v1/images/families";
    public const string ImageFamily = "api/v1/images/families/{family}";
    public const string ImageFamilyVersions = "api/v1/images/families/{family}/versions";
    public const string ImageFamilyLineageTree = "api/v1/images/families/{family}/lineage-tree";
    public const string Image = "api/v1/images/{id}";
    public const string ImageTransitions = "api/v1/images/{id}/transitions";
    public const string ImageLineage = "api/v1/images/{id}/lineage";
    public const string ImageLineageParents = "api/v1/images/{id}/lineage/parents";
    public const string ImageVulnerabilities = "api/v1/images/{id}/vulnerabilities";
    public const string ImageVulnerabilitiesDiff = "api/v1/images/{id}/vulnerabilities/diff";
    public const string ImageSbom = "api/v1/images/{id}/sbom";
    public const string ImageComponents = "api/v1/images/{id}/components";
    public const string ImageComponentsDiff = "api/v1/images/{id}/components/diff";
    public const string ImageBuilds = "api/v1/images/{id}/builds";
    public const string ImageDeployments = "api/v1/images/{id}/deployments";

    public const string Drift = "api/v1/drift";
    public const string DriftOutdated = "api/v1/drift/outdated";
    public const string DriftOutdatedExport = "api/v1/drift/outdated/export";
    public const string DriftHeatmap = "api/v1/drift/heatmap";
    public const string DriftTrends = "api/v1/drift/trends";
    public const string DriftSnapshots = "api/v1/drift/snapshots";
    public const string DriftAsset = "api/v1/drift/assets/{*id}";
    public const string DriftThresholds = "api/v1/drift/thresholds";

    public const string RbacRoles = "api/v1/rbac/roles";
    public const string RbacMe = "api/v1/rbac/me";
    public const string RbacBindings = "api/v1/rbac/bindings";
    public const string RbacBinding = "api/v1/rbac/bindings/{id}";
    public const string ApiKeys = "api/v1/api-keys";
    public const string ApiKey = "api/v1/api-keys/{id}";
    public const string Audit = "api/v1/audit";
    public const string AuditExport = "api/v1/audit/export";
    public const string AuditVerify = "api/v1/audit/verify";

    public const string Rollouts = "api/v1/rollouts";
    public const string Rollout = "api/v1/rollouts/{id}";
    public const string RolloutPlan = "api/v1/rollouts/plan";
    public const string RolloutExplanation = "api/v1/rollouts/{id}/explanation";
    public const string RolloutApprove = "api/v1/rollouts/{id}/approve";
    public const string RolloutReject = "api/v1/rollouts/{id}/reject";
    public const string RolloutPause = "api/v1/rollouts/{id}/pause";
    public const string RolloutResume = "api/v1/rollouts/{id}/resume";
    public const string RolloutCancel = "api/v1/rollouts/{id}/cancel";
    public const string RolloutPolicyExceptions = "api/v1/rollouts/policy-exceptions";
    public const string RolloutPolicyException = "api/v1/rollouts/policy-exceptions/{id}";
    public const string SlackCallback = "api/v1/callbacks/slack";
    public const string TeamsCallback = "api/v1/callbacks/teams";
    public const string ApprovalLink = Qlrf.Channels.Links.ApprovalLinkIssuer.PathPrefix + "{token}";
    public const string Certificates = "api/v1/certificates";
    public const string CertificatesSummary = "api/v1/certificates/summary";
    public const string CertificateAlerts = "api/v1/certificates/alerts";
    public const string CertificateAlertAcknowledge = "api/v1/certificates/alerts/{id}/acknowledge";
    public const string CertificateSourceSweeps = "api/v1/certificates/sources/{id}/sweeps";
    public const string Certificate = "api/v1/certificates/{id}";
    public const string CertificateUsage = "api/v1/certificates/{id}/usage";
    public const string CertificateHistory = "api/v1/certificates/{id}/history";
    public const string CertificateRotations = "api/v1/certificates/{id}/rotations";
    public const string CertificateRotation = "api/v1/certificate-rotations/{id}";
    public const string CertificateRotationApprove = "api/v1/certificate-rotations/{id}/approve";
    public const string CertificateRotationReject = "api/v1/certificate-rotations/{id}/reject";
    public const string CertificateRotationPause = "api/v1/certificate-rotations/{id}/pause";
    public const string CertificateRotationResume = "api/v1/certificate-rotations/{id}/resume";
    public const string CertificateRotationCancel = "api/v1/certificate-rotations/{id}/cancel";
    public const string Secrets = "api/v1/secrets";
    public const string SecretSourceSweeps = "api/v1/secrets/sources/{id}/sweeps";
    public const string Secret = "api/v1/secrets/{id}";
    public const string SecretRotations = "api/v1/secrets/{id}/rotations";
    public const string SecretRotation = "api/v1/secret-rotations/{id}";
    public const string SecretRotationApprove = "api/v1/secret-rotations/{id}/approve";
    public const string SecretRotationReject = "api/v1/secret-rotations/{id}/reject";
    public const string SecretRotationPause = "api/v1/secret-rotations/{id}/pause";
    public const string SecretRotationResume = "api/v1/secret-rotations/{id}/resume";
    public const string SecretRotationCancel = "api/v1/secret-rotations/{id}/cancel";
    public const string DrPairs = "api/v1/dr/pairs";
    public const string DrPair = "api/v1/dr/pairs/{id}";
    public const string DrPairReadiness = "api/v1/dr/pairs/{id}/readiness";
    public const string DrReadiness = "api/v1/dr/readiness";
    public const string DrDrills = "api/v1/dr/drills";
    public const string DrDrill = "api/v1/dr/drills/{id}";
    public const string DrDrillReport = "api/v1/dr/drills/{id}/report";
    public const string DrDrillApprove = "api/v1/dr/drills/{id}/approve";
    public const string DrDrillReject = "api/v1/dr/drills/{id}/reject";
    public const string DrDrillPause = "api/v1/dr/drills/{id}/pause";
    public const string DrDrillResume = "api/v1/dr/drills/{id}/resume";
    public const string DrDrillCancel = "api/v1/dr/drills/{id}/cancel";

    public const string AiTasks = "api/v1/ai/tasks";
    public const string AiTask = "api/v1/ai/tasks/{id}";
    public const string AiTaskApprove = "api/v1/ai/tasks/{id}/approve";
    public const string AiTaskReject = "api/v1/ai/tasks/{id}/reject";
    public const string AiTools = "api/v1/ai/tools";
    public const string AiAgents = "api/v1/ai/agents";
    public const string AiUsage = "api/v1/ai/usage";

    public const string ComplianceFrameworks = "api/v1/compliance/frameworks";
    public const string ComplianceSummary = "api/v1/compliance/summary";
    public const string ComplianceControl = "api/v1/compliance/frameworks/{framework}/controls/{id}";
    public const string ComplianceTrends = "api/v1/compliance/trends";

    public const string UiConfig = "api/v1/ui/config";

    public const string EvidencePacks = "api/v1/compliance/evidence-packs";
    public const string EvidencePack = "api/v1/compliance/evidence-packs/{id}";
    public const string EvidencePackContent = "api/v1/compliance/evidence-packs/{id}/content";
    public const string EvidencePackVerify = "api/v1/compliance/evidence-packs/{id}/verify";

    public const string AdminOrchestration = "api/v1/admin/orchestrations/{id}";
    public const string AdminOrchestrationTerminate = "api/v1/admin/orchestrations/{id}/terminate";

    /// <summary>
    /// The path of a route with its <c>{id}</c> (or <c>{*id}</c>) filled in, percent-encoded (<c>/</c> as <c>%2F</c>),
    /// as a Location header gives it.
    /// </summary>
    public static string PathOf(string route, string id)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(id);
        var escaped = Uri.EscapeDataString(id);
        var path = route.Replace("{id}", escaped, StringComparison.Ordinal).Replace("{*id}", escaped, StringComparison.Ordinal);
        return path == route ? throw new ArgumentException($"The route '{route}' has no {{id}}.", nameof(route)) : "/" + path;
    }
}
