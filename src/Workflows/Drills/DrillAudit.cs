namespace Qlrf.Workflows.Drills;

/// <summary>Audit actions a drill's orchestration writes (the API records its own calls under their endpoint names).</summary>
public static class DrillAudit
{
    /// <summary>A drill entered a phase, or was paused or resumed.</summary>
    public const string DrillProgressed = nameof(DrillProgressed);

    /// <summary>A drill finished, with its outcome and measurements.</summary>
    public const string DrillFinished = nameof(DrillFinished);

    /// <summary>The audit target of a drill.</summary>
    public static string Target(string drillId) => "drill/" + drillId;
}
