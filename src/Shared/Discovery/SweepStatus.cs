namespace Qlrf.Discovery;

public enum SweepStatus
{
    /// <summary>The sweep is under way.</summary>
    Running,

    /// <summary>Every scope was read; removals were applied.</summary>
    Succeeded,

    /// <summary>Some scopes failed; additions and updates were applied, nothing was removed.</summary>
    Partial,

    /// <summary>The sweep failed; the inventory was left untouched.</summary>
    Failed,
}
