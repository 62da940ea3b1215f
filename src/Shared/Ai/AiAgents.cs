namespace Qlrf.Ai;

/// <summary>An agent: a name, what it handles, the intents it plans and the tools it may use.</summary>
public sealed record AiAgent(string Name, string Description, IReadOnlyList<AiIntent> Intents, IReadOnlyList<string> Tools);

/// <summary>The copilot's agents. Each intent has one; the triage agent asks back or refuses.</summary>
public static class AiAgents
{
    public const string Patch = "patch";
    public const string Drift = "drift";
    public const string Images = "images";
    public const string Dr = "dr";
    public const string Audit = "audit";
    public const string Certificates = "certificates";
    public const string Triage = "triage";

    public static string For(AiIntent intent) => intent switch
    {
        AiIntent.Rollout or AiIntent.RiskAssessment => Patch,
        AiIntent.DriftStatus or AiIntent.AssetQuery => Drift,
        AiIntent.GoldenImage or AiIntent.CompareVersions or AiIntent.Vulnerabilities => Images,
        AiIntent.DrReadiness or AiIntent.DrDrill or AiIntent.FailoverSimulation => Dr,
        AiIntent.AuditQuery => Audit,
        AiIntent.CertificateExpiry or AiIntent.CertificateUsage or AiIntent.CertificateRotation => Certificates,
        _ => Triage,
    };

    public static IReadOnlyList<AiAgent> All(IEnumerable<AiToolDescriptor> tools)
    {
        var names = tools.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        AiAgent Agent(string name, string description, AiIntent[] intents, string[] agentTools) =>
            new(name, description, intents, agentTools.Where(names.Contains).ToList());
        return
        [
            Agent(Patch, "Patches and image rollouts: plans them as dry runs, scores their risk, and proposes rollouts (canary first, with approval).",
                [AiIntent.Rollout, AiIntent.RiskAssessment], [AiToolNames.QueryAssets, AiToolNames.DriftStatus, AiToolNames.GoldenImage, AiToolNames.CalculateRisk, AiToolNames.PlanRollout, AiToolNames.ProposeRollout]),
            Agent(Drift, "Drift and inventory questions: which assets are behind their golden image, where, and the heatmap.",
                [AiIntent.DriftStatus, AiIntent.AssetQuery], [AiToolNames.QueryAssets, AiToolNames.DriftStatus, AiToolNames.DriftHeatmap]),
            Agent(Images, "Golden images: versions, what changed between two, and their vulnerabilities.",
                [AiIntent.GoldenImage, AiIntent.CompareVersions, AiIntent.Vulnerabilities], [AiToolNames.GoldenImage, AiToolNames.CompareVersions, AiToolNames.ImageVulnerabilities]),
            Agent(Dr, "Disaster recovery: readiness of the pairs, failover simulations, and drill proposals.",
                [AiIntent.DrReadiness, AiIntent.DrDrill, AiIntent.FailoverSimulation], [AiToolNames.DrReadiness, AiToolNames.SimulateFailover, AiToolNames.ProposeDrill]),
            Agent(Audit, "The audit log: who did what, when.", [AiIntent.AuditQuery], [AiToolNames.AuditQuery]),
            Agent(Certificates, "Certificates: which expire soon, what uses one (its blast radius), rotation proposals (with their own approval), and acknowledging expiry alerts.",
                [AiIntent.CertificateExpiry, AiIntent.CertificateUsage, AiIntent.CertificateRotation],
                [AiToolNames.CertificateExpiry, AiToolNames.CertificateUsage, AiToolNames.ProposeCertificateRotation, AiToolNames.AcknowledgeAlert]),
            Agent(Triage, "Asks back what it cannot understand, and refuses what the copilot never does.", [AiIntent.Clarify, AiIntent.Refuse], []),
        ];
    }
}
