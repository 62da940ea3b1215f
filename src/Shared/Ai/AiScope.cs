namespace Qlrf.Ai;

/// <summary>What a request is about: environments, sites, platforms, tags, an image family and version or a patch set, a DR pair. Empty means not named.</summary>
public sealed record AiScope
{
    public IReadOnlyList<string> Environments { get; init; } = [];

    public IReadOnlyList<string> Sites { get; init; } = [];

    public IReadOnlyList<string> Platforms { get; init; } = [];

    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    public string? ImageFamily { get; init; }

    public string? ImageVersion { get; init; }

    public string? DrPair { get; init; }

    /// <summary>A patch set of the catalogue, the target of a patch rollout.</summary>
    public string? PatchSet { get; init; }

    /// <summary>A certificate (its id, <c>{store}:{name}</c>).</summary>
    public string? Certificate { get; init; }

    /// <summary>A canonical text of the scope (sorted), for comparing with an expected one.</summary>
    public string Canonical() =>
        string.Join(';',
            "env=" + string.Join(',', Environments.Order(StringComparer.Ordinal)),
            "site=" + string.Join(',', Sites.Order(StringComparer.Ordinal)),
            "platform=" + string.Join(',', Platforms.Order(StringComparer.Ordinal)),
            "tags=" + string.Join(',', Tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}:{t.Value}")),
            "family=" + ImageFamily,
            "version=" + ImageVersion,
            "pair=" + DrPair,
            "patchSet=" + PatchSet,
            "certificate=" + Certificate);
}
