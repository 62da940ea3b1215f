using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>Creates <c>kubernetes</c> sources from <c>Qlrf:Discovery:Sources:{name}</c> (see <see cref="KubernetesSourceOptions"/>).</summary>
public sealed class KubernetesAssetSourceFactory(ILoggerFactory loggers, TimeProvider time, KubernetesClusters clusters) : IAssetSourceFactory
{
    public string Kind => "kubernetes";

    public IEnumerable<string> Validate(string settingPath, IConfiguration section) =>
        KubernetesSourceOptionsValidation.Validate(settingPath, Bind(section));

    public IAssetSource Create(AssetSourceDefinition definition, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var options = Bind(section);
        clusters.Add(definition.Name, definition.Organisation, options);
        return new KubernetesAssetSource(definition, options, time, loggers.CreateLogger<KubernetesAssetSource>());
    }

    private static KubernetesSourceOptions Bind(IConfiguration section) => section.Get<KubernetesSourceOptions>() ?? new KubernetesSourceOptions();
}
