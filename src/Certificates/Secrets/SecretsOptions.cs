using Qlrf.Certificates;

namespace Qlrf.Secrets;

/// <summary>Secret inventory settings, section <c>Qlrf:Secrets</c>.</summary>
public sealed class SecretsOptions
{
    public const string Section = "Qlrf:Secrets";

    /// <summary>
    /// The sources, by name, configured as certificate sources are: <c>Kind</c> (<c>sandbox</c>, <c>key-vault</c>,
    /// <c>kubernetes</c>), <c>Schedule</c> (NCRONTAB), <c>Organisation</c>, <c>Environment</c>, <c>SweepAtStartup</c>, and
    /// kind-specific settings.
    /// </summary>
    public Dictionary<string, CertificateSourceOptions> Sources { get; } = new(StringComparer.OrdinalIgnoreCase);
}
