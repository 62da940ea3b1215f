using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Gcp;

/// <summary>Creates <c>gcp</c> sources from <c>Qlrf:Discovery:Sources:{name}</c> (see <see cref="GcpSourceOptions"/>).</summary>
public sealed class GcpAssetSourceFactory(ILoggerFactory loggers, TimeProvider time) : IAssetSourceFactory
{
    public string Kind => "gcp";

    public IEnumerable<string> Validate(string settingPath, IConfiguration section) =>
        GcpSourceOptionsValidation.Validate(settingPath, Bind(section));

    public IAssetSource Create(AssetSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var path = section is IConfigurationSection s ? s.Path : $"Qlrf:Discovery:Sources:{definition.Name}";
        return new GcpAssetSource(definition, Bind(section), path, ConnectorHttp.CreateClient(), time, loggers.CreateLogger<GcpAssetSource>());
    }

    private static GcpSourceOptions Bind(IConfiguration section) => section.Get<GcpSourceOptions>() ?? new GcpSourceOptions();
}
