namespace Qlrf.Ai;

/// <summary>The names of the copilot's tools (snake_case, as the model sees them).</summary>
public static class AiToolNames
{
    public const string QueryAssets = "query_assets";
    public const string DriftStatus = "drift_status";
    public const string DriftHeatmap = "drift_heatmap";
    public const string GoldenImage = "golden_image";
    public const string CompareVersions = "compare_versions";
    public const string ImageVulnerabilities = "image_vulnerabilities";
    public const string DrReadiness = "dr_readiness";
    public const string CalculateRisk = "calculate_risk";
    public const string PlanRollout = "plan_rollout";
    public const string SimulateFailover = "simulate_failover";
    public const string ProposeRollout = "propose_rollout";
    public const string ProposeDrill = "propose_drill";
    public const string AuditQuery = "audit_query";
    public const string CertificateExpiry = "certificate_expiry";
    public const string CertificateUsage = "certificate_usage";
    public const string ProposeCertificateRotation = "propose_certificate_rotation";
    public const string AcknowledgeAlert = "acknowledge_alert";
}
