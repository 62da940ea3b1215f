namespace Qlrf.Discovery;

/// <summary>What started a sweep.</summary>
public enum SweepTrigger
{
    Startup,
    Schedule,
    Api,

    /// <summary>A workflow (a rollout, a drill) changed the source's assets and sweeps so drift follows.</summary>
    Workflow,
}
