namespace Qlrf.Ai;

/// <summary>What a request asks for, as the planner understood it.</summary>
public enum AiIntent
{
    /// <summary>Patch or move assets to a golden image version (a rollout proposal).</summary>
    Rollout,

    /// <summary>Questions on drift: which assets are behind, the heatmap.</summary>
    DriftStatus,

    /// <summary>Which assets there are, where, on what.</summary>
    AssetQuery,

    /// <summary>A golden image family, its versions, which is current.</summary>
    GoldenImage,

    /// <summary>What changed between two versions of an image.</summary>
    CompareVersions,

    /// <summary>The vulnerabilities of an image version.</summary>
    Vulnerabilities,

    /// <summary>How ready the DR pairs are.</summary>
    DrReadiness,

    /// <summary>Run a DR drill of a pair (a drill proposal).</summary>
    DrDrill,

    /// <summary>What a failover would do, without doing it.</summary>
    FailoverSimulation,

    /// <summary>How risky a change would be (a rollout planned as a dry run).</summary>
    RiskAssessment,

    /// <summary>Who did what: the audit log.</summary>
    AuditQuery,

    /// <summary>Which certificates expire soon, by expiry bucket.</summary>
    CertificateExpiry,

    /// <summary>What uses a certificate: its blast radius.</summary>
    CertificateUsage,

    /// <summary>Rotate a named certificate (a rotation proposal).</summary>
    CertificateRotation,

    /// <summary>The request was not understood, or lacks something the plan needs: the planner asks back.</summary>
    Clarify,

    /// <summary>The request asks for something the copilot never does (destroy, bypass approval, reach another organisation).</summary>
    Refuse,
}
