using Microsoft.Extensions.Configuration;
using Qlrf.Configuration;
using Qlrf.Discovery;
using Qlrf.Execution;

namespace Qlrf.Sandbox;

/// <summary>Creates sandbox sources. Setting: <c>EstateFile</c> (default <c>samples/estate.yaml</c>).</summary>
public sealed class SandboxAssetSourceFactory(SandboxSources sources, ISandboxStateStore state) : IAssetSourceFactory
{
    public const string DefaultEstateFile = "samples/estate.yaml";

    public const string SandboxKind = "sandbox";

    public string Kind => SandboxKind;

    public IEnumerable<string> Validate(string settingPath, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var file = section["EstateFile"] ?? DefaultEstateFile;
        if (string.IsNullOrWhiteSpace(file))
        {
            yield return $"{settingPath}:EstateFile must name the estate file.";
        }
        else if (ConfiguredFile.Find(file) is null)
        {
            yield return $"{settingPath}:EstateFile '{file}' was not found (looked in {ConfiguredFile.Searched(file)}).";
        }
    }

    public IAssetSource Create(AssetSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var source = new SandboxAssetSource(definition, section["EstateFile"] ?? DefaultEstateFile, state, sources);
        sources.Add(source);
        return source;
    }
}
