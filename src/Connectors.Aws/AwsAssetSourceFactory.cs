using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Aws;

/// <summary>Creates <c>aws</c> sources from <c>Qlrf:Discovery:Sources:{name}</c> (see <see cref="AwsSourceOptions"/>).</summary>
public sealed class AwsAssetSourceFactory(ILoggerFactory loggers, TimeProvider time) : IAssetSourceFactory
{
    public string Kind => "aws";

    public IEnumerable<string> Validate(string settingPath, IConfiguration section) =>
        AwsSourceOptionsValidation.Validate(settingPath, Bind(section));

    public IAssetSource Create(AssetSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var path = section is IConfigurationSection s ? s.Path : $"Qlrf:Discovery:Sources:{definition.Name}";
        return new AwsAssetSource(
            definition,
            Bind(section),
            path,
            time,
            loggers.CreateLogger<AwsAssetSource>());
    }

    private static AwsSourceOptions Bind(IConfiguration section) => section.Get<AwsSourceOptions>() ?? new AwsSourceOptions();
}
