using Microsoft.Extensions.Configuration;
using Qlrf.Scheduling;

namespace Qlrf.Certificates.Sweeps;

/// <summary>
/// Builds the enabled sources of one configuration section (<c>{section}:Sources:{name}</c>, each with <c>Kind</c>,
/// <c>Schedule</c>, <c>Organisation</c>, <c>Environment</c>, <c>SweepAtStartup</c>) by their kind's factory, failing fast
/// with the setting's name. Certificate and secret sources are configured alike and built here.
/// </summary>
public static class ConfiguredSources
{
    /// <param name="section">The section holding <c>Sources</c>, e.g. <c>Qlrf:Certificates</c>.</param>
    /// <param name="what">What the sources inventory, for messages, e.g. <c>certificate</c>.</param>
    public static IReadOnlyList<(CertificateSourceDefinition Definition, TSource Source)> Build<TFactory, TSource>(
        string section,
        string what,
        IReadOnlyDictionary<string, CertificateSourceOptions> sources,
        string defaultOrganisation,
        IEnumerable<TFactory> factories,
        Func<TFactory, string> kindOf,
        Func<TFactory, string, IConfiguration, IEnumerable<string>> validate,
        Func<TFactory, CertificateSourceDefinition, IConfiguration, TSource> create,
        IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(configuration);
        var kinds = factories.ToDictionary(kindOf, StringComparer.OrdinalIgnoreCase);
        var built = new List<(CertificateSourceDefinition, TSource)>();
        foreach (var (name, source) in sources.Where(s => s.Value.Enabled).OrderBy(s => s.Key, StringComparer.OrdinalIgnoreCase))
        {
            var path = $"{section}:Sources:{name}";
            if (source.Kind is null || !kinds.TryGetValue(source.Kind, out var factory))
            {
                throw new InvalidOperationException($"Setting '{path}:Kind': '{source.Kind}' is not a {what} source kind this host has ({string.Join(", ", kinds.Keys)}).");
            }

            if (!CronSchedule.TryParse(source.Schedule, out var schedule, out var error))
            {
                throw new InvalidOperationException($"Setting '{path}:Schedule' {error}");
            }

            var settings = configuration.GetSection(path);
            var problems = validate(factory, path, settings).ToList();
            if (problems.Count > 0)
            {
                throw new InvalidOperationException(string.Join(" ", problems));
            }

            var definition = new CertificateSourceDefinition(name.ToLowerInvariant(), kindOf(factory), source.Organisation ?? defaultOrganisation, schedule, source.Environment, source.SweepAtStartup);
            built.Add((definition, create(factory, definition, settings)));
        }

        return built;
    }
}
