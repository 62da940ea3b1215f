namespace Qlrf.Security;

/// <summary>
/// What an endpoint or action needs. On the wire and in configuration they are written
/// <c>read:assets</c>, <c>execute:rollout</c> and so on (see <see cref="PermissionNames"/>).
/// </summary>
public enum Permission
{
    ReadDashboard,
    ReadDrift,
    ReadAssets,
    ReadImages,
    ExportReports,
    ReadAudit,
    TriggerDrill,
    AcknowledgeAlerts,
    ExecuteTasks,
    ExecuteRollout,
    ManageImages,
    ApplyPatches,
    ApproveTasks,
    ManageRbac,
    ConfigureIntegrations,
    ApproveExceptions,
    /// <summary>Operate the runtime itself (inspect, terminate and purge orchestration instances); admin only.</summary>
    AdministerRuntime,
    /// <summary>Read the certificate inventory, usages, alerts and rotations.</summary>
    ReadCertificates,
    /// <summary>Start, pause, resume and cancel certificate rotations.</summary>
    RotateCertificates,
    /// <summary>Ask the AI copilot for a task: a plan of typed tools; read-only tools run at once (<c>execute:ai-tasks</c>).</summary>
    ExecuteAiTasks,
    /// <summary>Approve or reject an AI task's plan, which then proposes its rollouts and drills (<c>approve:ai-tasks</c>).</summary>
    ApproveAiTasks,

    /// <summary>List evidence packs, read their status and verify them (<c>read:evidence-packs</c>).</summary>
    ReadEvidencePacks,

    /// <summary>Make evidence packs and download them (<c>export:evidence-packs</c>).</summary>
    ExportEvidencePacks,

    /// <summary>Read the secret inventory (metadata only: never a value) and secret rotations (<c>read:secrets</c>).</summary>
    ReadSecrets,

    /// <summary>Start, pause, resume and cancel secret rotations (<c>rotate:secrets</c>).</summary>
    RotateSecrets,
}
