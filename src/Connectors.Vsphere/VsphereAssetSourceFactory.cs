using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Vsphere;

/// <summary>Creates <c>vsphere</c> sources from <c>Qlrf:Discovery:Sources:{name}</c> (see <see cref="VsphereSourceOptions"/>).</summary>
public sealed class VsphereAssetSourceFactory(ILoggerFactory loggers, TimeProvider time) : IAssetSourceFactory
{
    public string Kind => "vsphere";

    public IEnumerable<string> Validate(string settingPath, IConfiguration section) =>
        VsphereSourceOptionsValidation.Validate(settingPath, Bind(section));

    public IAssetSource Create(AssetSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var path = section is IConfigurationSection s ? s.Path : $"Qlrf:Discovery:Sources:{definition.Name}";
        return new VsphereAssetSource(definition, Bind(section), path, time, loggers.CreateLogger<VsphereAssetSource>());
    }

    private static VsphereSourceOptions Bind(IConfiguration section) => section.Get<VsphereSourceOptions>() ?? new VsphereSourceOptions();
}
