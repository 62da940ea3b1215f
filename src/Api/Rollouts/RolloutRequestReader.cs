using Qlrf.Errors;
using Qlrf.Workflows.Rollouts.PatchSets;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Rollouts;
using Qlrf.Rollouts.Policies;
using Qlrf.Workflows.Rollouts.Planning;

namespace Qlrf.Api.Rollouts;

/// <summary>
/// Turns a start body into a <see cref="RolloutRequest"/>, or a 400 naming the field at fault; also a 400 when the
/// scope holds assets no executor can change (<see cref="ExecutorCoverage"/>). A start and a dry run both read here.
/// </summary>
public sealed class RolloutRequestReader(IImageStore images, IInventoryStore inventory, RolloutPatchSets patchSets, ExecutorCoverage coverage, TimeProvider time)
{
    public const int MaxAssetIds = 10_000;

    public async Task<RolloutRequest> ReadAsync(string organisation, StartRolloutBody? body, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            throw new RequestValidationException("body", "is required: {target, scope, strategy, schedule, autonomy}.");
        }

        var target = await TargetAsync(organisation, body.Target, cancellationToken);
        var scope = await ScopeAsync(organisation, body.Scope, cancellationToken);
        var request = new RolloutRequest
        {
            Target = target,
            Scope = scope,
            Strategy = Strategy(body.Strategy),
            Schedule = Window(body.Schedule),
            Autonomy = body.Autonomy is null ? Autonomy.ApproveAll
                : EnumText<Autonomy>.TryParse(body.Autonomy, out var autonomy) ? autonomy
                : throw new RequestValidationException("autonomy", $"'{body.Autonomy}' is not one of {string.Join(", ", EnumText<Autonomy>.All)}."),
        };
        await RequireExecutorsAsync(organisation, request, cancellationToken);
        return request;
    }

    private async Task RequireExecutorsAsync(string organisation, RolloutRequest request, CancellationToken cancellationToken)
    {
        if (request.Target.IsImage)
        {
            var version = await images.GetVersionAsync(organisation, $"{request.Target.ImageFamily}@{request.Target.ImageVersion}", cancellationToken);
            if (version is not null)
            {
                await coverage.RequireAsync(organisation, request, version, cancellationToken);
            }
        }
        else if (patchSets.Find(request.Target.PatchSet ?? string.Empty) is { } patchSet)
        {
            await coverage.RequireAsync(organisation, request, patchSet, cancellationToken);
        }
    }

    private async Task<RolloutTarget> TargetAsync(string organisation, TargetBody? body, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            throw new RequestValidationException("target", "is required: {imageFamily, imageVersion} or {patchSet}.");
        }

        if (!string.IsNullOrWhiteSpace(body.PatchSet))
        {
            if (body.ImageFamily is not null || body.ImageVersion is not null)
            {
                throw new RequestValidationException("target.patchSet", "give a patch set, or an image family and version, not both.");
            }

            var id = body.PatchSet.Trim();
            var patchSet = patchSets.Find(id)
                ?? throw new RequestValidationException("target.patchSet", $"'{id}' is not in the patch-set catalogue (known: {string.Join(", ", patchSets.Current.PatchSets.Select(p => p.Id).Take(50))}).");
            return new RolloutTarget { PatchSet = patchSet.Id };
        }

        var family = Required(body.ImageFamily, "target.imageFamily");
        var version = Required(body.ImageVersion, "target.imageVersion");
        if (await images.GetFamilyAsync(organisation, family, cancellationToken) is null)
        {
            throw new RequestValidationException("target.imageFamily", $"'{family}' is not an image family of this organisation.");
        }

        var found = await images.GetVersionAsync(organisation, $"{family}@{version}", cancellationToken)
            ?? throw new RequestValidationException("target.imageVersion", $"'{version}' is not a version of {family}.");
        if (found.Releases.All(r => r.Status == LifecycleStatus.Retired))
        {
            throw new RequestValidationException("target.imageVersion", $"{found.Id} is retired on every platform.");
        }

        return new RolloutTarget { ImageFamily = family, ImageVersion = found.Version };
    }

    private async Task<RolloutScope> ScopeAsync(string organisation, ScopeBody? body, CancellationToken cancellationToken)
    {
        if (body is null)
        {
            return new RolloutScope();
        }

        var ids = Texts(body.AssetIds, "scope.assetIds");
        if (ids.Count > MaxAssetIds)
        {
            throw new RequestValidationException("scope.assetIds", $"may name at most {MaxAssetIds} assets.");
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (await inventory.GetAssetAsync(organisation, ids[i], cancellationToken) is not { RemovedAt: null })
            {
                throw new RequestValidationException($"scope.assetIds[{i}]", $"'{ids[i]}' is not an asset of this organisation's inventory.");
            }
        }

        var facets = await inventory.GetFacetsAsync(organisation, cancellationToken);
        var environments = Known(Texts(body.Environments, "scope.environments"), facets.Environments, "scope.environments");
        var sites = Known(Texts(body.Sites, "scope.sites"), facets.Sites, "scope.sites");
        var platforms = Texts(body.Platforms, "scope.platforms").Select((p, i) => EnumText<Platform>.TryParse(p, out var platform)
            ? platform
            : throw new RequestValidationException($"scope.platforms[{i}]", $"'{p}' is not one of {string.Join(", ", EnumText<Platform>.All)}.")).ToList();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in body.Tags ?? new Dictionary<string, string>())
        {
            tags[Required(key, "scope.tags")] = value ?? throw new RequestValidationException($"scope.tags.{key}", "must be text.");
        }

        if (ids.Count > 0 && (environments.Count + sites.Count + platforms.Count + tags.Count) > 0)
        {
            throw new RequestValidationException("scope.assetIds", "name assets, or give filters (environments, sites, platforms, tags), not both.");
        }

        return new RolloutScope { AssetIds = ids, Environments = environments, Sites = sites, Platforms = platforms, Tags = tags };
    }

    private static StrategyRequest Strategy(StrategyBody? body)
    {
        if (body is null)
        {
            return new StrategyRequest();
        }

        if (body.CanaryCount is not null && body.CanaryPercent is not null)
        {
            throw new RequestValidationException("strategy.canaryCount", "give canaryCount or canaryPercent, not both.");
        }

        Check(body.CanaryCount is null or (>= 0 and <= 10_000), "strategy.canaryCount", "must be from 0 (no canary) to 10000.");
        Check(body.CanaryPercent is null or (>= 0 and <= 100), "strategy.canaryPercent", "must be from 0 (no canary) to 100.");
        Check(body.BatchSize is null or (>= 1 and <= 1000), "strategy.batchSize", "must be from 1 to 1000.");
        Check(body.WaitBetweenWaves is null || (body.WaitBetweenWaves >= TimeSpan.Zero && body.WaitBetweenWaves <= TimeSpan.FromDays(7)), "strategy.waitBetweenWaves", "must be from 00:00:00 to 7.00:00:00.");
        if (body.Waves is { } waves)
        {
            Check(waves.Count is >= 1 and <= 20, "strategy.waves", "must list 1 to 20 cumulative percentages.");
            for (var i = 0; i < waves.Count; i++)
            {
                Check(waves[i] is >= 1 and <= 100 && (i == 0 || waves[i] > waves[i - 1]), $"strategy.waves[{i}]", "must be a percentage from 1 to 100, larger than the wave before.");
            }

            Check(waves[^1] == 100, "strategy.waves", "the last wave must reach 100 (percent of the scope).");
        }

        HealthGate? gate = null;
        if (body.HealthGate is { } g)
        {
            Check(g.MaxFailurePercent is null or (>= 0 and <= 100), "strategy.healthGate.maxFailurePercent", "must be from 0 to 100.");
            var checks = Texts(g.Checks, "strategy.healthGate.checks");
            var unknown = checks.FirstOrDefault(c => !HealthGateRules.Checks.Contains(c));
            Check(unknown is null, "strategy.healthGate.checks", $"'{unknown}' is not one of {string.Join(", ", HealthGateRules.Checks)}.");
            gate = new HealthGate
            {
                MaxFailurePercent = g.MaxFailurePercent ?? new HealthGate().MaxFailurePercent,
                Checks = g.Checks is null ? new HealthGate().Checks : checks.Distinct().ToList(),
            };
        }

        return new StrategyRequest
        {
            CanaryCount = body.CanaryCount,
            CanaryPercent = body.CanaryPercent,
            Waves = body.Waves,
            BatchSize = body.BatchSize,
            WaitBetweenWaves = body.WaitBetweenWaves,
            HealthGate = gate,
        };
    }

    private RolloutWindow? Window(WindowBody? body)
    {
        if (body is null)
        {
            return null;
        }

        var start = body.Start ?? throw new RequestValidationException("schedule.start", "is required (UTC).");
        var end = body.End ?? throw new RequestValidationException("schedule.end", "is required (UTC).");
        Check(end > start, "schedule.end", "must be after schedule.start.");
        Check(end > time.GetUtcNow(), "schedule.end", "is in the past.");
        return new RolloutWindow(start, end);
    }

    private static List<string> Texts(IReadOnlyList<string>? values, string field) =>
        (values ?? []).Select((v, i) => Required(v, $"{field}[{i}]")).ToList();

    private static List<string> Known(List<string> values, IReadOnlySet<string> known, string field)
    {
        var unknown = values.FirstOrDefault(v => !known.Contains(v));
        Check(unknown is null, field, $"'{unknown}' is unknown (known: {string.Join(", ", known.Order(StringComparer.Ordinal).Take(50))}).");
        return values;
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new RequestValidationException(field, "is required.") : value.Trim();

    private static void Check(bool ok, string field, string problem)
    {
        if (!ok)
        {
            throw new RequestValidationException(field, problem);
        }
    }
}
