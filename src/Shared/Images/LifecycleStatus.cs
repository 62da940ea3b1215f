namespace Qlrf.Images;

/// <summary>
/// Where an image version stands on one platform. Status only moves forward, in this order, except by
/// an explicit rollback that names its reason.
/// </summary>
public enum LifecycleStatus
{
    Draft,
    Testing,
    Production,
    Deprecated,
    Retired,
}
