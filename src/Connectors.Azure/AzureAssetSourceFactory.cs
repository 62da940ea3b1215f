using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Azure;

/// <summary>Creates <c>azure</c> sources from <c>Qlrf:Discovery:Sources:{name}</c> (see <see cref="AzureSourceOptions"/>).</summary>
public sealed class AzureAssetSourceFactory(ILoggerFactory loggers, TimeProvider time) : IAssetSourceFactory
{
    public string Kind => "azure";

    public IEnumerable<string> Validate(string settingPath, IConfiguration section) =>
        AzureSourceOptionsValidation.Validate(settingPath, Bind(section));

    public IAssetSource Create(AssetSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var path = section is IConfigurationSection s ? s.Path : $"Qlrf:Discovery:Sources:{definition.Name}";
        return new AzureAssetSource(definition, Bind(section), path, time, loggers.CreateLogger<AzureAssetSource>());
    }

    private static AzureSourceOptions Bind(IConfiguration section) => section.Get<AzureSourceOptions>() ?? new AzureSourceOptions();
}
