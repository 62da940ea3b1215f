using Qlrf.Images;

namespace Qlrf.Compliance.Checks;

/// <summary>The image versions in production on at least one platform, and since when (the earliest of their production releases).</summary>
internal static class ProductionImages
{
    public static async Task<List<(ImageVersion Version, DateTimeOffset Since)>> ListAsync(IImageStore images, string organisation, string? family, CancellationToken cancellationToken)
    {
        var families = family is null
            ? (await images.ListFamiliesAsync(organisation, cancellationToken)).Select(f => f.Name).ToList()
            : [family];
        var result = new List<(ImageVersion, DateTimeOffset)>();
        foreach (var name in families)
        {
            foreach (var version in await images.ListVersionsAsync(organisation, name, cancellationToken))
            {
                var production = version.Releases.Where(r => r.Status == LifecycleStatus.Production).ToList();
                if (production.Count > 0)
                {
                    result.Add((version, production.Min(r => r.PromotedAt ?? r.ReleasedAt ?? version.CreatedAt)));
                }
            }
        }

        return result;
    }

    public static CheckObjectResult Result(ImageVersion version, bool passed, string reason) =>
        new("image", version.Id, passed, reason) { Scope = version.Family };
}

/// <summary>A check of production image versions: evaluated per version, for the organisation or one family.</summary>
public abstract class ProductionImageCheck(IImageStore images) : IFamilyCheck
{
    public abstract string Id { get; }

    public string ObjectKind => "image";

    public abstract string Description { get; }

    public abstract IReadOnlyList<CheckParameter> Parameters { get; }

    public abstract bool ClockDependent { get; }

    protected IImageStore Images => images;

    public Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken) =>
        EvaluateAsync(context, null, cancellationToken);

    public Task<IReadOnlyList<CheckObjectResult>> EvaluateFamilyAsync(CheckContext context, string family, CancellationToken cancellationToken) =>
        EvaluateAsync(context, family, cancellationToken);

    /// <summary>The version's result, or null when there is no evidence for it.</summary>
    protected abstract Task<CheckObjectResult?> JudgeAsync(CheckContext context, ImageVersion version, DateTimeOffset productionSince, CancellationToken cancellationToken);

    private async Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, string? family, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var results = new List<CheckObjectResult>();
        foreach (var (version, since) in await ProductionImages.ListAsync(images, context.Organisation, family, cancellationToken))
        {
            if (await JudgeAsync(context, version, since, cancellationToken) is { } result)
            {
                results.Add(result);
            }
        }

        return results;
    }
}
