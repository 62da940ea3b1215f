namespace Qlrf.Ai;

/// <summary>
/// How much of an AI task may go ahead without a person approving its plan. Read-only and plan-only tools always run
/// at once; proposals (rollouts, drills) always carry their own workflow's approval on top of this.
/// </summary>
public enum AiAutonomy
{
    /// <summary>Nothing is proposed: a plan holding a state-changing tool fails validation.</summary>
    PlanOnly,

    /// <summary>Every proposal waits for a person to approve the task's plan (the default).</summary>
    ApproveAll,

    /// <summary>Like <see cref="ApproveAll"/>, and a rollout proposal must start with a canary.</summary>
    CanaryOnly,

    /// <summary>Proposals outside production go ahead without the task's approval; any touching production wait for it.</summary>
    RiskBased,
}
