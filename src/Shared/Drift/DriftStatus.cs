namespace Qlrf.Drift;

/// <summary>An asset's standing against the production version of its image family on its platform.</summary>
public enum DriftStatus
{
    /// <summary>Runs the production version.</summary>
    Compliant,

    /// <summary>Runs an older version: some versions and days behind.</summary>
    Outdated,

    /// <summary>Runs a newer version than production (a canary, a version still in testing): not compliant, not outdated.</summary>
    Ahead,

    /// <summary>Cannot be judged: no image, an unregistered family, no production version, or an unreadable version.</summary>
    Unknown,
}

/// <summary>Why an asset's drift is unknown.</summary>
public enum UnknownReason
{
    NoImage,
    UnregisteredFamily,
    NoProductionVersion,
    UnparsableVersion,
}
