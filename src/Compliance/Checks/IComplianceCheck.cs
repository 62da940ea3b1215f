namespace Qlrf.Compliance.Checks;

/// <summary>
/// A check over what QL-RF already holds, evaluated per object (asset, image version, DR pair, change, certificate,
/// asset source, organisation). An object the check has no data for is left out (it neither passes nor fails), so a
/// control whose checks hold no object stays manual.
/// </summary>
public interface IComplianceCheck
{
    /// <summary>A slug, as the framework files name it.</summary>
    string Id { get; }

    /// <summary>What it evaluates: <c>asset</c>, <c>image</c>, <c>dr-pair</c>, <c>change</c>, <c>certificate</c>, <c>source</c>, <c>organisation</c>.</summary>
    string ObjectKind { get; }

    string Description { get; }

    IReadOnlyList<CheckParameter> Parameters { get; }

    /// <summary>Whether results change with the clock alone (ages, expiries), so stored ones are refreshed after a while.</summary>
    bool ClockDependent { get; }

    /// <summary>Every object of the organisation.</summary>
    Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken);
}

/// <summary>A check of assets that can re-evaluate just the assets a change touched.</summary>
public interface IAssetCheck : IComplianceCheck
{
    Task<CheckDelta> EvaluateAssetsAsync(CheckContext context, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken);
}

/// <summary>A check that can re-evaluate just the objects of one image family (after a transition or an import).</summary>
public interface IFamilyCheck : IComplianceCheck
{
    /// <summary>Every object of the family (scope = the family).</summary>
    Task<IReadOnlyList<CheckObjectResult>> EvaluateFamilyAsync(CheckContext context, string family, CancellationToken cancellationToken);
}

/// <summary>What a check evaluates against: the organisation, its parameters, the time, and which environments are production.</summary>
public sealed record CheckContext(string Organisation, CheckParameters Parameters, DateTimeOffset Now, IReadOnlySet<string> ProductionEnvironments);
