using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Qlrf.Sandbox.Secrets;

/// <summary>
/// The sandbox secrets file (<c>samples/secrets.yaml</c>): the secrets the sandbox store holds when the host starts (their
/// metadata; each value is random and never leaves the store) and the loopback workloads that use them.
/// </summary>
public sealed class SandboxSecretsFile
{
    public List<SandboxSecretSpec> Secrets { get; set; } = [];

    public List<SandboxWorkloadSpec> Workloads { get; set; } = [];

    /// <summary>Reads the file strictly (an unknown field is an error), and checks that secrets name declared workloads.</summary>
    public static SandboxSecretsFile Read(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        SandboxSecretsFile file;
        try
        {
            using var reader = new StreamReader(path);
            file = deserializer.Deserialize<SandboxSecretsFile?>(reader) ?? new SandboxSecretsFile();
        }
        catch (YamlException ex)
        {
            throw new InvalidOperationException($"{path}:{ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        var workloads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (spec, i) in file.Workloads.Select((w, i) => (w, i)))
        {
            if (string.IsNullOrWhiteSpace(spec.Name) || !workloads.Add(spec.Name) || spec.Check is not ("http" or "tcp"))
            {
                throw new InvalidOperationException($"{path}: workloads[{i}] needs a unique name and check http or tcp.");
            }
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (spec, i) in file.Secrets.Select((s, i) => (s, i)))
        {
            if (string.IsNullOrWhiteSpace(spec.Name) || !names.Add(spec.Name))
            {
                throw new InvalidOperationException($"{path}: secrets[{i}].name must be given and unique.");
            }

            if (spec.Workloads.FirstOrDefault(w => !workloads.Contains(w)) is { } unknown)
            {
                throw new InvalidOperationException($"{path}: secrets[{i}].workloads names '{unknown}', which is not declared under workloads.");
            }
        }

        return file;
    }
}

/// <summary>A secret the sandbox store holds at start-up (metadata; its value is random).</summary>
public sealed class SandboxSecretSpec
{
    public string Name { get; set; } = string.Empty;

    public string Environment { get; set; } = "sandbox";

    public string ContentType { get; set; } = "text/plain";

    /// <summary>Days since the current value was set (fractions allowed).</summary>
    public double AgeDays { get; set; }

    /// <summary>Days from start-up until the value expires; none when not given.</summary>
    public double? ExpiresInDays { get; set; }

    /// <summary>The rotation policy in days; none when not given.</summary>
    public int? RotationDays { get; set; }

    public bool Enabled { get; set; } = true;

    /// <summary>Names of the workloads (below) that use it.</summary>
    public List<string> Workloads { get; set; } = [];
}

/// <summary>A loopback workload the host runs that uses secrets: restarted by a rotation and checked after it.</summary>
public sealed class SandboxWorkloadSpec
{
    public string Name { get; set; } = string.Empty;

    public string Environment { get; set; } = "sandbox";

    /// <summary>The check a rotation runs after restarting it: <c>http</c> (GET <c>/health</c> expecting 200) or <c>tcp</c> (connect).</summary>
    public string Check { get; set; } = "http";

    /// <summary>False injects a fault: after a restart with a value it did not start with, its health check fails (503, or the port refuses).</summary>
    public bool AcceptsNewValues { get; set; } = true;
}
