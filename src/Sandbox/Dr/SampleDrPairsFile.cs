using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Qlrf.Sandbox.Dr;

/// <summary>The sample DR pairs file (<c>samples/dr-pairs.yaml</c>): pairs over the sample estate's sites.</summary>
public sealed class SampleDrPairsFile
{
    public List<SamplePair> Pairs { get; set; } = [];

    public static SampleDrPairsFile Read(string path)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(CamelCaseNamingConvention.Instance).Build();
        try
        {
            using var reader = new StreamReader(path);
            return deserializer.Deserialize<SampleDrPairsFile>(reader) ?? new SampleDrPairsFile();
        }
        catch (YamlException ex)
        {
            throw new InvalidOperationException($"The sample DR pairs file '{path}' is not valid at line {ex.Start.Line}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }
    }
}

public sealed class SamplePair
{
    public string Id { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string PrimarySite { get; set; } = string.Empty;

    public string RecoverySite { get; set; } = string.Empty;

    public string Environment { get; set; } = string.Empty;

    public List<string> AssetIds { get; set; } = [];

    public Dictionary<string, string> Tags { get; set; } = [];

    public string Replication { get; set; } = "asynchronous";

    public int RtoTargetSeconds { get; set; }

    public int RpoTargetSeconds { get; set; }

    public bool AllowUnattendedTestFailover { get; set; }

    public int? MaxDrillAgeDays { get; set; }

    public string? Schedule { get; set; }

    public string ScheduleKind { get; set; } = "test_failover";
}
