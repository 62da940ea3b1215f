using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Qlrf.Sandbox.Images;

/// <summary>The sample golden images file (<c>samples/images.yaml</c>): families, their versions, and each version's history.</summary>
public sealed class SampleImagesFile
{
    public List<SampleFamily> Families { get; set; } = [];

    public static SampleImagesFile Read(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            using var reader = new StreamReader(path);
            return deserializer.Deserialize<SampleImagesFile>(reader) ?? new SampleImagesFile();
        }
        catch (YamlException ex)
        {
            throw new InvalidOperationException($"The sample images file '{path}' is not valid at line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }
}

public sealed class SampleFamily
{
    public string Name { get; set; } = string.Empty;

    public string Os { get; set; } = string.Empty;

    public string Owner { get; set; } = string.Empty;

    public string? Description { get; set; }

    public List<SampleVersion> Versions { get; set; } = [];
}

public sealed class SampleVersion
{
    public string Version { get; set; } = string.Empty;

    public string Created { get; set; } = string.Empty;

    public Dictionary<string, string> Platforms { get; set; } = [];

    public List<SampleParent> Parents { get; set; } = [];

    public SampleBuild? Build { get; set; }

    public List<SampleTransition> Lifecycle { get; set; } = [];

    /// <summary>Scanner reports (Trivy or Grype JSON), relative to the file.</summary>
    public List<string> Scans { get; set; } = [];

    /// <summary>An SBOM (SPDX or CycloneDX JSON), relative to the file.</summary>
    public string? Sbom { get; set; }
}

public sealed class SampleParent
{
    public string Id { get; set; } = string.Empty;

    public string Relation { get; set; } = string.Empty;
}

public sealed class SampleBuild
{
    public string Builder { get; set; } = string.Empty;

    public string SourceRepository { get; set; } = string.Empty;

    public string Commit { get; set; } = string.Empty;

    public string StartedAt { get; set; } = string.Empty;

    public string FinishedAt { get; set; } = string.Empty;

    public Dictionary<string, string> Provenance { get; set; } = [];
}

public sealed class SampleTransition
{
    public string Status { get; set; } = string.Empty;

    public string At { get; set; } = string.Empty;

    public string By { get; set; } = string.Empty;

    public string Reason { get; set; } = string.Empty;

    public List<string> Platforms { get; set; } = [];
}
