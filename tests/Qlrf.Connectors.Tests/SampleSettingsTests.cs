using Microsoft.Extensions.Configuration;
using Qlrf.Connectors.Aws;
using Qlrf.Connectors.Azure;
using Qlrf.Connectors.Gcp;
using Qlrf.Connectors.Kubernetes;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Connectors.Vsphere;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Tests;

/// <summary>The documented sample configuration (<c>samples/connectors.appsettings.json</c>) stays valid.</summary>
public sealed class SampleSettingsTests
{
    [Fact]
    public void Every_sample_source_validates_with_its_kinds_factory()
    {
        var logs = new LogCapture();
        var time = new InstantTimeProvider();
        var factories = new IAssetSourceFactory[]
        {
            new AwsAssetSourceFactory(logs, time),
            new AzureAssetSourceFactory(logs, time),
            new GcpAssetSourceFactory(logs, time),
            new VsphereAssetSourceFactory(logs, time),
            new KubernetesAssetSourceFactory(logs, time, new KubernetesClusters()),
        }.ToDictionary(f => f.Kind);
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "samples", "connectors.appsettings.json"))
            .Build();

        var sources = configuration.GetSection("Qlrf:Discovery:Sources").GetChildren().ToList();

        Assert.Equal(["aws", "azure", "gcp", "kubernetes", "vsphere"], sources.Select(s => s["Kind"]!).Order());
        Assert.All(sources, s => Assert.Empty(factories[s["Kind"]!].Validate(s.Path, s)));
    }
}
