using Qlrf.Inventory;
using Qlrf.Scheduling;
using Qlrf.Tenancy;

namespace Qlrf.Dr;

/// <summary>What makes a DR pair valid, and which assets it protects. Pure.</summary>
public static class DrPairRules
{
    public const int MaxNameLength = 200;
    public const int MaxAssetIds = 500;
    public const int MaxTags = 20;
    public static readonly TimeSpan MaxTarget = TimeSpan.FromDays(7);
    public static readonly TimeSpan MinMaxDrillAge = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxMaxDrillAge = TimeSpan.FromDays(3650);

    /// <summary>Every problem with the pair, as (field, problem) in request terms; empty when valid.</summary>
    public static IReadOnlyList<(string Field, string Problem)> Validate(DrPair pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var problems = new List<(string, string)>();
        if (!OrganisationId.IsValid(pair.Id))
        {
            problems.Add(("id", $"'{pair.Id}' must be 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit."));
        }

        if (string.IsNullOrWhiteSpace(pair.Name) || pair.Name.Length > MaxNameLength || pair.Name.Any(char.IsControl))
        {
            problems.Add(("name", $"must be 1 to {MaxNameLength} printable characters."));
        }

        if (string.IsNullOrWhiteSpace(pair.PrimarySite))
        {
            problems.Add(("primarySite", "is required."));
        }

        if (string.IsNullOrWhiteSpace(pair.RecoverySite))
        {
            problems.Add(("recoverySite", "is required."));
        }
        else if (pair.RecoverySite == pair.PrimarySite)
        {
            problems.Add(("recoverySite", "must differ from the primary site."));
        }

        if (!OrganisationId.IsValid(pair.Environment))
        {
            problems.Add(("environment", $"'{pair.Environment}' must be an environment name (lower-case letters, digits and dashes)."));
        }

        Workloads(pair.Workloads, problems);
        if (pair.RtoTarget <= TimeSpan.Zero || pair.RtoTarget > MaxTarget)
        {
            problems.Add(("rtoTargetSeconds", $"must be more than 0 and at most {MaxTarget.TotalSeconds:0} (7 days)."));
        }

        if (pair.RpoTarget < TimeSpan.Zero || pair.RpoTarget > MaxTarget)
        {
            problems.Add(("rpoTargetSeconds", $"must be from 0 to {MaxTarget.TotalSeconds:0} (7 days)."));
        }

        if (pair.Policy.MaxDrillAge is { } age && (age < MinMaxDrillAge || age > MaxMaxDrillAge))
        {
            problems.Add(("policy.maxDrillAgeDays", "must be from 1 minute to 3650 days."));
        }

        if (pair.Schedule is { } schedule)
        {
            if (!CronSchedule.TryParse(schedule.Cron, out var cron, out var error))
            {
                problems.Add(("schedule.cron", error));
            }
            else if (cron.GetNextOccurrence(DateTimeOffset.UnixEpoch) is null)
            {
                problems.Add(("schedule.cron", $"'{schedule.Cron}' never occurs."));
            }
        }

        return problems;
    }

    /// <summary>Whether the asset is one the pair protects at its primary site.</summary>
    public static bool Protects(DrPair pair, Asset asset)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(asset);
        if (asset.Site != pair.PrimarySite || asset.Environment != pair.Environment)
        {
            return false;
        }

        var named = pair.Workloads.AssetIds.Contains(asset.Id, StringComparer.Ordinal);
        var tagged = pair.Workloads.Tags.Count > 0 && pair.Workloads.Tags.All(t => asset.Tags.TryGetValue(t.Key, out var v) && v == t.Value);
        return named || tagged;
    }

    /// <summary>When the pair's next scheduled drill falls after <paramref name="after"/>, or null when it has no schedule.</summary>
    public static DateTimeOffset? NextDrillAt(DrPair pair, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(pair);
        return pair.Schedule is { } s && CronSchedule.TryParse(s.Cron, out var cron, out _) ? cron.GetNextOccurrence(after) : null;
    }

    private static void Workloads(DrWorkloads workloads, List<(string, string)> problems)
    {
        if (workloads.IsEmpty)
        {
            problems.Add(("workloads", "must name assets (assetIds) or tags, or both."));
        }

        if (workloads.AssetIds.Count > MaxAssetIds || workloads.AssetIds.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(("workloads.assetIds", $"must hold at most {MaxAssetIds} non-empty asset ids."));
        }

        if (workloads.Tags.Count > MaxTags || workloads.Tags.Any(t => string.IsNullOrWhiteSpace(t.Key)))
        {
            problems.Add(("workloads.tags", $"must hold at most {MaxTags} tags with non-empty keys."));
        }
    }
}
