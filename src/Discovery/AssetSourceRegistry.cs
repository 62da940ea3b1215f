using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Errors;
using Qlrf.Scheduling;
using Qlrf.Tenancy;

namespace Qlrf.Discovery;

/// <summary>The enabled asset sources of this host, built once from configuration by their kind's factory.</summary>
public sealed class AssetSourceRegistry
{
    private readonly Dictionary<string, (AssetSourceDefinition Definition, IAssetSource Source)> sources = new(StringComparer.OrdinalIgnoreCase);

    public AssetSourceRegistry(
        IOptions<DiscoveryOptions> options,
        IOptions<TenancyOptions> tenancy,
        IEnumerable<IAssetSourceFactory> factories,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tenancy);
        var kinds = factories.ToDictionary(f => f.Kind, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, source) in options.Value.Sources.Where(s => s.Value.Enabled).OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
        {
            var definition = new AssetSourceDefinition(
                name.ToLowerInvariant(),
                source.Kind!.ToLowerInvariant(),
                source.Organisation ?? tenancy.Value.DefaultOrganisation,
                CronSchedule.Parse(source.Schedule),
                source.SweepAtStartup,
                source.Timeout);
            var section = configuration.GetSection($"{DiscoveryOptions.Section}:Sources:{name}");
            sources[definition.Name] = (definition, kinds[definition.Kind].Create(definition, section));
        }
    }

    public IEnumerable<AssetSourceDefinition> Definitions => sources.Values.Select(s => s.Definition);

    /// <summary>The source of the given organisation and name; 404 for another organisation's source.</summary>
    public (AssetSourceDefinition Definition, IAssetSource Source) Get(string organisation, string name) =>
        sources.TryGetValue(name, out var entry) && entry.Definition.Organisation == organisation
            ? entry
            : throw new NotFoundException($"There is no asset source '{name}'.");

    public IEnumerable<AssetSourceDefinition> ForOrganisation(string organisation) =>
        Definitions.Where(d => d.Organisation == organisation);
}
