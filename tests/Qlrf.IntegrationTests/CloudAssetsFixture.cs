using Qlrf.Connectors.Tests.Aws;
using Qlrf.Connectors.Tests.Gcp;
using Qlrf.Connectors.Tests.Kubernetes;
using Qlrf.Connectors.Tests.Vsphere;
using Qlrf.Discovery;
using Qlrf.IntegrationTests.Support;
using Answer = Qlrf.Connectors.Tests.Support.Answer;
using AzureFixture = Qlrf.Connectors.Tests.Azure.AzureFixture;
using FixtureServer = Qlrf.Connectors.Tests.Support.FixtureServer;
using LoopbackCertificate = Qlrf.Connectors.Tests.Support.LoopbackCertificate;

namespace Qlrf.IntegrationTests;

/// <summary>
/// The real host on Kestrel (which decodes a path except <c>%2F</c>) with a source of every cloud connector sweeping its
/// recorded answers on loopback ports, and the sandbox estate with assets whose ids hold what a path must escape.
/// </summary>
public sealed class CloudAssetsFixture : IAsyncLifetime
{
    /// <summary>Sandbox asset ids with a literal <c>%2F</c>, a lone <c>%</c>, <c>?</c>, <c>#</c>, spaces, <c>+</c> and non-ASCII.</summary>
    public static readonly string[] OddIds = ["legacy/vm%2F01", "100% done", "ops box #3?x=1&y=2+z;é"];

    public static readonly string[] Sources = ["sandbox", "aws", "azure", "gcp", "vsphere", "kubernetes"];

    private readonly LoopbackCertificate certificate = new();
    private FixtureServer platforms = null!;
    private FixtureServer arm = null!;
    private KubernetesFixture kubernetes = null!;

    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        platforms = await FixtureServer.StartAsync();
        platforms.TwoPageRegion("eu-west-1");
        GcpFixture.ServeProd(platforms);
        platforms.ServeVcenter("vc1");
        KubernetesFixture.ServeC1(platforms);
        platforms.On(r => r.Path.StartsWith("/c2/", StringComparison.Ordinal), Answer.Fixture("k8s/empty-list.json"));
        kubernetes = new KubernetesFixture(platforms);
        arm = await AzureFixture.StartAsync(certificate);
        AzureFixture.ServeProd(arm);

        var settings = new Dictionary<string, string?>();
        void Source(string name, Dictionary<string, string?> values)
        {
            foreach (var (key, value) in values)
            {
                settings[$"Qlrf:Discovery:Sources:{name}:{key}"] = value;
            }
        }

        Source("aws", AwsFixture.Settings(platforms, "eu-west-1"));
        Source("azure", AzureFixture.Settings(arm, certificate, AzureFixture.Prod));
        Source("gcp", GcpFixture.Settings(platforms, "acme-prod"));
        Source("vsphere", VsphereFixture.Settings(platforms, "vc1"));
        Source("kubernetes", kubernetes.Settings);
        Directory.EditEstate(estate => estate + string.Concat(OddIds.Select(id => $"""
              - id: "{id}"
                name: odd-{Array.IndexOf(OddIds, id)}
                platform: aws
                site: aws-us-east-1
                environment: dev
                state: running
                health: healthy

            """)));

        Host = new QlrfHost(Directory, settings);
        Host.UseKestrel(0);
        await Eventually.TrueAsync(async () =>
        {
            var runs = await Host.GetJsonAsync<PageDto<SweepRun>>("/api/v1/discovery/runs?limit=50");
            return Sources.All(s => runs.Items.Any(r => r.Source == s && r.Status != SweepStatus.Running));
        }, TimeSpan.FromSeconds(60), "every source's first sweep");
        await Host.WaitForQueueToDrainAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await platforms.DisposeAsync();
        await arm.DisposeAsync();
        kubernetes.Dispose();
        certificate.Dispose();
        Directory.Dispose();
    }
}
