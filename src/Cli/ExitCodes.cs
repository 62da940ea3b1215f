namespace Qlrf.Cli;

/// <summary>The exit codes a pipeline can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command failed, or the API refused it (a conflict, a rejected or failed rollout, a broken audit chain).</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: an unknown command or option, a missing or malformed argument.</summary>
    public const int Usage = 2;

    /// <summary>No credential, a credential the API does not accept (401), or one without the permission (403).</summary>
    public const int Auth = 3;

    public const int NotFound = 4;

    /// <summary>A wait (<c>--wait</c>, <c>watch</c>) ran out of time before the work ended.</summary>
    public const int TimedOut = 5;
}
