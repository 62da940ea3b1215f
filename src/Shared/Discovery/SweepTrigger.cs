namespace Qlrf.Discovery;

/// <summary>What started a sweep.</summary>
public enum SweepTrigger
{
    Startup,
    Schedule,
    Api,
}
