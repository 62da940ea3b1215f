using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Qlrf.Configuration;

namespace Qlrf.Certificates.Tls;

/// <summary>The roots in <see cref="TlsProbeOptions.TrustedRootFiles"/>, read once; a missing file stops the host naming the setting.</summary>
public sealed class ConfiguredTrustAnchors(IOptions<TlsProbeOptions> options) : ITrustAnchors
{
    private readonly Lazy<IReadOnlyList<X509Certificate2>> anchors = new(() => Load(options.Value));

    public IReadOnlyList<X509Certificate2> Anchors => anchors.Value;

    private static List<X509Certificate2> Load(TlsProbeOptions options) =>
        [.. options.TrustedRootFiles.Select((file, i) =>
        {
            var path = ConfiguredFile.Find(file)
                ?? throw new InvalidOperationException($"Setting '{TlsProbeOptions.Section}:TrustedRootFiles:{i}': '{file}' was not found (looked in {ConfiguredFile.Searched(file)}).");
            return X509CertificateLoader.LoadCertificateFromFile(path);
        })];
}
