using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Qlrf.Sandbox.Certificates;

/// <summary>
/// The sandbox PKI file (<c>samples/certificates.yaml</c>): the certificates the built-in CA issues when the host starts,
/// and the loopback TLS endpoints that serve them.
/// </summary>
public sealed class SandboxPkiFile
{
    public List<SandboxCertificateSpec> Certificates { get; set; } = [];

    public List<SandboxEndpointSpec> Endpoints { get; set; } = [];

    /// <summary>Reads the file strictly (an unknown field is an error), and checks that endpoints name declared certificates.</summary>
    public static SandboxPkiFile Read(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        SandboxPkiFile file;
        try
        {
            using var reader = new StreamReader(path);
            file = deserializer.Deserialize<SandboxPkiFile?>(reader) ?? new SandboxPkiFile();
        }
        catch (YamlException ex)
        {
            throw new InvalidOperationException($"{path}:{ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (spec, i) in file.Certificates.Select((c, i) => (c, i)))
        {
            if (string.IsNullOrWhiteSpace(spec.Name) || !names.Add(spec.Name))
            {
                throw new InvalidOperationException($"{path}: certificates[{i}].name must be given and unique.");
            }

            if (spec.ValidityDays <= -3650 || spec.ValidityDays > 825 || spec.SubjectAlternativeNames.Count == 0)
            {
                throw new InvalidOperationException($"{path}: certificates[{i}] needs validityDays up to 825 and at least one subjectAlternativeNames entry.");
            }
        }

        foreach (var (spec, i) in file.Endpoints.Select((e, i) => (e, i)))
        {
            if (!names.Contains(spec.Certificate))
            {
                throw new InvalidOperationException($"{path}: endpoints[{i}].certificate '{spec.Certificate}' is not declared under certificates.");
            }
        }

        return file;
    }
}

/// <summary>A certificate the sandbox CA issues at start-up.</summary>
public sealed class SandboxCertificateSpec
{
    public string Name { get; set; } = string.Empty;

    public string Environment { get; set; } = "sandbox";

    /// <summary>DNS names; the first is the subject's common name.</summary>
    public List<string> SubjectAlternativeNames { get; set; } = [];

    /// <summary>Days from start-up until it expires (fractions allowed; negative issues one already expired).</summary>
    public double ValidityDays { get; set; } = 90;

    /// <summary><c>EC</c> (P-256, default) or <c>RSA</c> (2048).</summary>
    public string KeyType { get; set; } = "EC";
}

/// <summary>A TLS endpoint the host serves on loopback.</summary>
public sealed class SandboxEndpointSpec
{
    public string Name { get; set; } = string.Empty;

    public string Certificate { get; set; } = string.Empty;

    public string Environment { get; set; } = "sandbox";

    /// <summary>The loopback port; 0 (default) takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>Asset ids the endpoint fronts (from the estate file).</summary>
    public List<string> AssetsBehind { get; set; } = [];

    /// <summary>False injects a fault: the endpoint ignores a new certificate and keeps serving the old one.</summary>
    public bool Reloads { get; set; } = true;
}
