using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Qlrf.Errors;
using Qlrf.Tenancy;

namespace Qlrf.Certificates.Sweeps;

/// <summary>The enabled certificate sources of this host, built once from configuration by their kind's factory.</summary>
public sealed class CertificateSourceRegistry
{
    private readonly Dictionary<string, (CertificateSourceDefinition Definition, ICertificateSource Source)> sources = new(StringComparer.OrdinalIgnoreCase);

    public CertificateSourceRegistry(IOptions<CertificatesOptions> options, IOptions<TenancyOptions> tenancy, IEnumerable<ICertificateSourceFactory> factories, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tenancy);
        foreach (var (definition, source) in ConfiguredSources.Build(
            CertificatesOptions.Section, "certificate", options.Value.Sources, tenancy.Value.DefaultOrganisation, factories, f => f.Kind, (f, path, section) => f.Validate(path, section), (f, d, section) => f.Create(d, section), configuration))
        {
            sources[definition.Name] = (definition, source);
        }
    }

    public IEnumerable<CertificateSourceDefinition> Definitions => sources.Values.Select(s => s.Definition);

    /// <summary>The source of the given organisation and name; 404 for another organisation's source.</summary>
    public ICertificateSource Get(string organisation, string name) =>
        sources.TryGetValue(name, out var entry) && entry.Definition.Organisation == organisation
            ? entry.Source
            : throw new NotFoundException($"There is no certificate source '{name}'.");
}
