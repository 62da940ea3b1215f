using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Rollouts;
using Qlrf.Rollouts.PatchSets;
using Qlrf.Workflows.Rollouts.PatchSets;
using Qlrf.Workflows.Rollouts.Planning;

namespace Qlrf.Ai.Tools;

/// <summary>
/// Turns a rollout tool call into a <see cref="RolloutRequest"/> of the caller's organisation, or a validation error
/// naming the argument: the family and version must be the organisation's (the version defaults to the golden one),
/// environments and sites must be ones its inventory knows, and every asset in scope must have an executor.
/// </summary>
public sealed class AiRolloutRequests(IImageStore images, IInventoryStore inventory, RolloutPatchSets patchSets, ExecutorCoverage coverage)
{
    public async Task<RolloutRequest> ReadAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        RolloutTarget target;
        ImageVersion? version = null;
        PatchSet? patchSet = null;
        if (call.Text("patchSet") is { } patchSetId)
        {
            if (call.Text("imageFamily") is not null)
            {
                throw new RequestValidationException("patchSet", "give a patch set or an image family, not both.");
            }

            patchSet = patchSets.Find(patchSetId) ?? throw new RequestValidationException("patchSet", $"'{patchSetId}' is not in the patch-set catalogue.");
            target = new RolloutTarget { PatchSet = patchSet.Id };
        }
        else
        {
            var family = await FamilyAsync(organisation, call.Text("imageFamily"), "imageFamily", cancellationToken);
            version = await VersionAsync(organisation, family.Name, call.Text("imageVersion"), "imageVersion", cancellationToken);
            target = new RolloutTarget { ImageFamily = family.Name, ImageVersion = version.Version };
        }

        var facets = await inventory.GetFacetsAsync(organisation, cancellationToken);
        var request = new RolloutRequest
        {
            Target = target,
            Scope = new RolloutScope
            {
                Environments = Known(call.Texts("environments"), facets.Environments, "environments"),
                Sites = Known(call.Texts("sites"), facets.Sites, "sites"),
                Platforms = call.Texts("platforms").Select(p => EnumText<Platform>.Parse(p)).ToList(),
                Tags = call.Map("tags"),
            },
            Strategy = new StrategyRequest
            {
                CanaryCount = call.Whole("canaryCount"),
                WaitBetweenWaves = call.Whole("waitMinutes") is { } wait ? TimeSpan.FromMinutes(wait) : null,
            },
        };
        if (version is not null)
        {
            await coverage.RequireAsync(organisation, request, version, cancellationToken);
        }
        else if (patchSet is not null)
        {
            await coverage.RequireAsync(organisation, request, patchSet, cancellationToken);
        }

        return request;
    }

    public async Task<ImageFamily> FamilyAsync(string organisation, string? name, string field, CancellationToken cancellationToken) =>
        name is null ? throw new RequestValidationException(field, "is required.")
        : await images.GetFamilyAsync(organisation, name, cancellationToken) ?? throw new RequestValidationException(field, $"'{name}' is not an image family of this organisation.");

    /// <summary>The named version of the family, or its golden version when none is named.</summary>
    public async Task<ImageVersion> VersionAsync(string organisation, string family, string? version, string field, CancellationToken cancellationToken)
    {
        if (version is not null)
        {
            return await images.GetVersionAsync(organisation, $"{family}@{version}", cancellationToken)
                ?? throw new RequestValidationException(field, $"'{version}' is not a version of {family}.");
        }

        return Golden(await images.ListVersionsAsync(organisation, family, cancellationToken))
            ?? throw new RequestValidationException(field, $"{family} has no version in production; name one.");
    }

    /// <summary>The golden version: the newest released to production on some platform.</summary>
    public static ImageVersion? Golden(IEnumerable<ImageVersion> versions) =>
        versions.Where(v => v.Releases.Any(r => r.Status == LifecycleStatus.Production)).MaxBy(v => v.Number);

    private static List<string> Known(IReadOnlyList<string> values, IReadOnlySet<string> known, string field)
    {
        var unknown = values.FirstOrDefault(v => !known.Contains(v));
        return unknown is null ? values.ToList() : throw new RequestValidationException(field, $"'{unknown}' is not one of this organisation's {field} ({string.Join(", ", known.Order(StringComparer.Ordinal).Take(20))}).");
    }
}
