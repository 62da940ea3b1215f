using Qlrf.Images;
using Qlrf.Inventory;

namespace Qlrf.Drift;

/// <summary>Evaluates one asset against its family's baseline. Pure: the same inputs give the same drift.</summary>
public static class DriftEvaluator
{
    /// <param name="asset">The asset as the inventory holds it.</param>
    /// <param name="baseline">The baseline of the asset's family; null when the family is not registered.</param>
    public static AssetDrift Evaluate(Asset asset, FamilyBaseline? baseline)
    {
        ArgumentNullException.ThrowIfNull(asset);
        var family = asset.Image is { Family.Length: > 0 } image ? image.Family : null;
        var drift = new AssetDrift
        {
            AssetId = asset.Id,
            Name = asset.Name,
            Platform = asset.Platform,
            Site = asset.Site,
            Environment = asset.Environment,
            Family = family,
            Version = asset.Image?.Version is { Length: > 0 } v ? v : null,
            Status = DriftStatus.Unknown,
        };
        if (family is null)
        {
            return drift with { Reason = UnknownReason.NoImage };
        }

        if (baseline is null)
        {
            return drift with { Reason = UnknownReason.UnregisteredFamily };
        }

        if (baseline.On(asset.Platform) is not { } production)
        {
            return drift with { Reason = UnknownReason.NoProductionVersion };
        }

        drift = drift with { ProductionVersion = production.Version };
        if (drift.Version == production.Version)
        {
            return drift with { Status = DriftStatus.Compliant };
        }

        if (!ImageVersionNumber.TryParse(drift.Version, out var number))
        {
            return drift with { Reason = UnknownReason.UnparsableVersion };
        }

        var order = number.CompareTo(production.Number);
        return order switch
        {
            0 => drift with { Status = DriftStatus.Compliant },
            > 0 => drift with { Status = DriftStatus.Ahead },
            _ => drift with
            {
                Status = DriftStatus.Outdated,
                VersionsBehind = production.CountBehind(number),
                OutdatedSince = production.PromotedAt,
            },
        };
    }
}
