using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Certificates.Sweeps;
using Qlrf.Errors;
using Qlrf.Tenancy;

namespace Qlrf.Secrets;

/// <summary>The enabled secret sources of this host, built once from <c>Qlrf:Secrets:Sources</c> by their kind's factory.</summary>
public sealed class SecretSourceRegistry
{
    private readonly Dictionary<string, (CertificateSourceDefinition Definition, ISecretSource Source)> sources = new(StringComparer.OrdinalIgnoreCase);

    public SecretSourceRegistry(IOptions<SecretsOptions> options, IOptions<TenancyOptions> tenancy, IEnumerable<ISecretSourceFactory> factories, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tenancy);
        foreach (var (definition, source) in ConfiguredSources.Build(
            SecretsOptions.Section, "secret", options.Value.Sources, tenancy.Value.DefaultOrganisation, factories, f => f.Kind, (f, path, section) => f.Validate(path, section), (f, d, section) => f.Create(d, section), configuration))
        {
            sources[definition.Name] = (definition, source);
        }
    }

    public IEnumerable<CertificateSourceDefinition> Definitions => sources.Values.Select(s => s.Definition);

    /// <summary>The source of the given organisation and name; 404 for another organisation's source.</summary>
    public ISecretSource Get(string organisation, string name) =>
        sources.TryGetValue(name, out var entry) && entry.Definition.Organisation == organisation
            ? entry.Source
            : throw new NotFoundException($"There is no secret source '{name}'.");
}
