using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Qlrf.Errors;
using Qlrf.Scheduling;
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
        var kinds = factories.ToDictionary(f => f.Kind, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, source) in options.Value.Sources.Where(s => s.Value.Enabled).OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
        {
            var path = $"{CertificatesOptions.Section}:Sources:{name}";
            if (source.Kind is null || !kinds.TryGetValue(source.Kind, out var factory))
            {
                throw new InvalidOperationException($"Setting '{path}:Kind': '{source.Kind}' is not a certificate source kind this host has ({string.Join(", ", kinds.Keys)}).");
            }

            if (!CronSchedule.TryParse(source.Schedule, out var schedule, out var error))
            {
                throw new InvalidOperationException($"Setting '{path}:Schedule' {error}");
            }

            var section = configuration.GetSection(path);
            var problems = factory.Validate(path, section).ToList();
            if (problems.Count > 0)
            {
                throw new InvalidOperationException(string.Join(" ", problems));
            }

            var definition = new CertificateSourceDefinition(name.ToLowerInvariant(), factory.Kind, source.Organisation ?? tenancy.Value.DefaultOrganisation, schedule, source.Environment, source.SweepAtStartup);
            sources[definition.Name] = (definition, factory.Create(definition, section));
        }
    }

    public IEnumerable<CertificateSourceDefinition> Definitions => sources.Values.Select(s => s.Definition);

    /// <summary>The source of the given organisation and name; 404 for another organisation's source.</summary>
    public ICertificateSource Get(string organisation, string name) =>
        sources.TryGetValue(name, out var entry) && entry.Definition.Organisation == organisation
            ? entry.Source
            : throw new NotFoundException($"There is no certificate source '{name}'.");
}
