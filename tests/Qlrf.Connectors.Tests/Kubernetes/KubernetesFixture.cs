using Qlrf.Connectors.Kubernetes;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Discovery;

namespace Qlrf.Connectors.Tests.Kubernetes;

/// <summary>
/// Two clusters behind one loopback API server: <c>c1</c> under <c>/c1</c> through a kubeconfig with a
/// token, <c>c2</c> under <c>/c2</c> through in-cluster service-account files.
/// </summary>
public sealed class KubernetesFixture : IDisposable
{
    public KubernetesFixture(FixtureServer server)
    {
        Directory.CreateDirectory(Folder);
        KubeconfigPath = Path.Combine(Folder, "kubeconfig");
        File.WriteAllText(KubeconfigPath, $"""
            apiVersion: v1
            kind: Config
            current-context: c1-admin
            clusters:
            - name: c1
              cluster:
                server: {server.BaseUrl}/c1
            contexts:
            - name: c1-admin
              context:
                cluster: c1
                user: qlrf
            users:
            - name: qlrf
              user:
                token: c1-secret-token
            """);
        var account = Path.Combine(Folder, "serviceaccount");
        Directory.CreateDirectory(account);
        File.WriteAllText(Path.Combine(account, "token"), "c2-projected-token\n");
        Settings = new Dictionary<string, string?>
        {
            ["Kind"] = "kubernetes",
            ["Clusters:0:Name"] = "c1",
            ["Clusters:0:Kubeconfig"] = KubeconfigPath,
            ["Clusters:0:Region"] = "eu-west-1",
            ["Clusters:0:SiteKind"] = "CloudRegion",
            ["Clusters:1:Name"] = "c2",
            ["Clusters:1:InCluster"] = "true",
            ["Clusters:1:Server"] = server.BaseUrl + "/c2",
            ["Clusters:1:ServiceAccountDirectory"] = account,
            ["PageSize"] = "2",
        };
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "qlrf-k8s-" + Guid.NewGuid().ToString("N"));

    public string KubeconfigPath { get; }

    public Dictionary<string, string?> Settings { get; }

    public IAssetSource Create(InstantTimeProvider time)
    {
        var factory = new KubernetesAssetSourceFactory(new LogCapture(), time, new KubernetesClusters());
        var section = Support.Settings.Section("k8s", Settings);
        Assert.Empty(factory.Validate(section.Path, section));
        return factory.Create(Support.Settings.Definition("k8s", "kubernetes"), section);
    }

    public static Func<RecordedRequest, bool> List(string cluster, string resource, string? continueToken = null) =>
        r => r.Path == $"/{cluster}/apis/apps/v1/{resource}" && Continue(r) == continueToken;

    private static string? Continue(RecordedRequest r) =>
        r.Query.TrimStart('?').Split('&').Where(p => p.StartsWith("continue=", StringComparison.Ordinal)).Select(p => Uri.UnescapeDataString(p[9..])).FirstOrDefault();

    /// <summary>Cluster c1 with every kind recorded; deployments on two pages.</summary>
    public static void ServeC1(FixtureServer server) => server
        .On(List("c1", "deployments"), Answer.Fixture("k8s/deployments-page1.json"))
        .On(List("c1", "deployments", "eyJ2IjoibWV0YS5rOHMuaW8vdjEiLCJydiI6NDgyOTE3MzUsInN0YXJ0IjoicGF5bWVudHMvY2hlY2tvdXRcdTAwMDAifQ"), Answer.Fixture("k8s/deployments-page2.json"))
        .On(List("c1", "statefulsets"), Answer.Fixture("k8s/statefulsets.json"))
        .On(List("c1", "daemonsets"), Answer.Fixture("k8s/daemonsets.json"));

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
