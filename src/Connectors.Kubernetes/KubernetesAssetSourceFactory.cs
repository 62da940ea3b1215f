using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Kubernetes;

/// <summary>Creates <c>kubernetes</c> sources from <c>Qlrf:Discovery:Sources:{name}</c> (see <see cref="KubernetesSourceOptions"/>).</summary>
public sealed class KubernetesAssetSourceFactory(ILoggerFactory loggers, TimeProvider time) : IAssetSourceFactory
{
    public string Kind => "kubernetes";

    public IEnumerable<string> Validate(string settingPath, IConfiguration section) =>
        KubernetesSourceOptionsValidation.Validate(settingPath, Bind(section));

    public IAssetSource Create(AssetSourceDefinition definition, IConfiguration section) =>
        new KubernetesAssetSource(definition, Bind(section), time, loggers.CreateLogger<KubernetesAssetSource>());

    private static KubernetesSourceOptions Bind(IConfiguration section) => section.Get<KubernetesSourceOptions>() ?? new KubernetesSourceOptions();
}
