using Microsoft.Extensions.Configuration;

namespace Qlrf.Certificates;

/// <summary>
/// Creates certificate sources of one kind (<c>sandbox</c>, <c>tls-endpoint</c>, <c>key-vault</c>, <c>kubernetes</c>) from
/// their section, <c>Qlrf:Certificates:Sources:{name}</c>. Register one per kind; each source's kind picks its factory.
/// </summary>
public interface ICertificateSourceFactory
{
    string Kind { get; }

    /// <summary>Problems with the kind-specific settings, each naming the full setting path.</summary>
    IEnumerable<string> Validate(string settingPath, IConfiguration section);

    ICertificateSource Create(CertificateSourceDefinition definition, IConfiguration section);
}

/// <summary>A configured certificate source: what every kind shares.</summary>
/// <param name="Environment">The environment of what it finds, unless the source knows better per item.</param>
public sealed record CertificateSourceDefinition(string Name, string Kind, string Organisation, Scheduling.CronSchedule Schedule, string Environment, bool SweepAtStartup);
