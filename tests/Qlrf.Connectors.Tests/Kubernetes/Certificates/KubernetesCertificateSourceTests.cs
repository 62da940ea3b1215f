using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Qlrf.Certificates;
using Qlrf.Connectors.Kubernetes;
using Qlrf.Connectors.Kubernetes.Certificates;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Scheduling;

namespace Qlrf.Connectors.Tests.Kubernetes.Certificates;

public sealed class KubernetesCertificateSourceTests : IAsyncLifetime
{
    private const string Tls = "kubernetes.io/tls";
    private readonly string folder = Directory.CreateTempSubdirectory("qlrf-k8s-certs-").FullName;
    private readonly TlsSecretFixtures pki = new();
    private readonly LogCapture logs = new();
    private readonly KubernetesClusters clusters = new();
    private FakeKubernetesApi api = null!;

    public async Task InitializeAsync()
    {
        api = await FakeKubernetesApi.StartAsync();
        var kubeconfig = Path.Combine(folder, "kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            current-context: c1
            clusters:
            - {"{"}name: c1, cluster: {"{"}server: "{api.BaseUrl}"{"}"}{"}"}
            contexts:
            - {"{"}name: c1, context: {"{"}cluster: c1, user: qlrf{"}"}{"}"}
            users:
            - {"{"}name: qlrf, user: {"{"}token: c1-secret-token{"}"}{"}"}
            """);
        var options = new KubernetesSourceOptions();
        options.Clusters.Add(new KubernetesClusterOptions { Name = "c1", Kubeconfig = kubeconfig });
        clusters.Add("k8s", "acme", options);
    }

    private ICertificateSource Source(string organisation = "acme")
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AssetSource"] = "k8s" }).Build();
        var factory = new KubernetesCertificateSourceFactory(logs, new InstantTimeProvider(), clusters);
        Assert.Empty(factory.Validate("Qlrf:Certificates:Sources:k8s-certs", section));
        return factory.Create(new CertificateSourceDefinition("k8s-certs", "kubernetes", organisation, CronSchedule.Parse("0 */15 * * * *"), "prod", true), section);
    }

    private static void Mount(JsonObject workload, JsonObject podSpecPart)
    {
        var spec = workload["spec"]!["template"]!["spec"]!.AsObject();
        foreach (var (key, value) in podSpecPart)
        {
            if (key == "env" || key == "envFrom")
            {
                spec["containers"]![0]![key] = value!.DeepClone();
            }
            else
            {
                spec[key] = value!.DeepClone();
            }
        }
    }

    [Fact]
    public async Task A_tls_secret_becomes_a_certificate_referenced_by_its_ingresses_and_the_workloads_mounting_it()
    {
        var (leaf, crt, key) = pki.Issue("www.shop.example", 40, "www.shop.example", "shop.example");
        api.Put("/api/v1/namespaces/shop/secrets/web-tls", TlsSecretFixtures.Secret("shop", "web-tls", Tls, "771", new Dictionary<string, string> { ["tls.crt"] = crt, ["tls.key"] = key }));
        api.Put("/api/v1/namespaces/shop/secrets/db", TlsSecretFixtures.Secret("shop", "db", "Opaque", "12", new Dictionary<string, string> { ["password"] = "hunter2" }));
        api.Put("/apis/networking.k8s.io/v1/namespaces/shop/ingresses/web", TlsSecretFixtures.Ingress("shop", "web", "web-tls", "www.shop.example", "admin.other.example"));
        api.Put("/apis/networking.k8s.io/v1/namespaces/blog/ingresses/blog", TlsSecretFixtures.Ingress("blog", "blog", "web-tls", "blog.example"));
        Mount(api.Add("Deployment", "shop", "web", 2, ("web", "nginx:1.27")), new JsonObject { ["volumes"] = new JsonArray(new JsonObject { ["name"] = "tls", ["secret"] = new JsonObject { ["secretName"] = "web-tls" } }) });
        Mount(api.Add("StatefulSet", "shop", "api", 1, ("api", "shop/api:3")), new JsonObject { ["envFrom"] = new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "web-tls" } }) });
        Mount(api.Add("DaemonSet", "shop", "agent", 1, ("agent", "agent:1")), new JsonObject { ["env"] = new JsonArray(new JsonObject { ["name"] = "PW", ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "db", ["key"] = "password" } } }) });
        Mount(api.Add("Deployment", "blog", "blog", 1, ("blog", "ghost:5")), new JsonObject { ["volumes"] = new JsonArray(new JsonObject { ["name"] = "tls", ["projected"] = new JsonObject { ["sources"] = new JsonArray(new JsonObject { ["secret"] = new JsonObject { ["name"] = "web-tls" } }) } }) });

        var result = await Source().SweepAsync(CancellationToken.None);

        var certificate = Assert.Single(result.Certificates);
        Assert.Equal("k8s-certs:c1:shop:web-tls", certificate.Id);
        Assert.Equal(("acme", "k8s-certs", "kubernetes", "c1:shop:web-tls", "prod"), (certificate.Organisation, certificate.Store, certificate.StoreKind, certificate.Name, certificate.Environment));
        Assert.Equal(leaf.Thumbprint, certificate.Thumbprint);
        Assert.Equal("CN=Acme Test CA", certificate.Issuer);
        Assert.Equal(["www.shop.example", "shop.example"], certificate.SubjectAlternativeNames);
        Assert.Equal(("RSA", 2048), (certificate.KeyType, certificate.KeySize));
        Assert.Equal(new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero), certificate.NotAfter);
        Assert.Equal("771", certificate.Version);
        var references = Assert.Single(result.References);
        Assert.Equal("k8s-certs:c1:shop:web-tls", references.CertificateId);
        Assert.Equal(["c1/shop/web"], references.Ingresses);
        Assert.Equal(["k8s://c1/shop/deployment/web", "k8s://c1/shop/statefulset/api"], references.Workloads.Order(StringComparer.Ordinal));
        var usages = UsageResolver.Resolve(certificate, [], result.References);
        Assert.Contains(usages, u => u.Kind == UsageKind.Ingress && u.Via == "secret-ref" && u.Target == "c1/shop/web");
        Assert.Contains(usages, u => u.Kind == UsageKind.Workload && u.Via == "mount" && u.Target == "k8s://c1/shop/deployment/web");
        Assert.Contains(api.Queries, q => q.StartsWith("/api/v1/secrets?", StringComparison.Ordinal) && q.Contains("fieldSelector=type%3Dkubernetes.io%2Ftls", StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("8146", StringComparison.Ordinal) && l.Contains("admin.other.example", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("PRIVATE KEY", StringComparison.Ordinal) || l.Contains(key.Split('\n')[1], StringComparison.Ordinal) || l.Contains("hunter2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secret_whose_tls_crt_cannot_be_read_keeps_its_last_known_state()
    {
        api.Put("/api/v1/namespaces/shop/secrets/broken", TlsSecretFixtures.Secret("shop", "broken", Tls, "5", new Dictionary<string, string> { ["tls.crt"] = "not a certificate", ["tls.key"] = "x" }));

        var result = await Source().SweepAsync(CancellationToken.None);

        Assert.Empty(result.Certificates);
        Assert.Equal(["k8s-certs:c1:shop:broken"], result.Unreachable);
        Assert.Contains(logs.Lines, l => l.Contains("8145", StringComparison.Ordinal) && l.Contains("shop/broken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_cluster_that_refuses_the_list_fails_the_sweep_and_another_organisations_asset_source_is_not_reused()
    {
        api.FailNext(403, "Forbidden", "secrets is forbidden: User \"qlrf\" cannot list resource \"secrets\"");

        var refused = await Assert.ThrowsAsync<ConnectorHttpException>(() => Source().SweepAsync(CancellationToken.None));
        var foreign = await Assert.ThrowsAsync<ConnectorException>(() => Source("globex").SweepAsync(CancellationToken.None));

        Assert.Contains("forbidden", refused.Message, StringComparison.Ordinal);
        Assert.Contains("no kubernetes asset source 'k8s' of organisation 'globex'", foreign.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Taking_the_certificate_zeroes_the_private_key_and_every_other_value()
    {
        var crt = new byte[] { 1, 2, 3 };
        var privateKey = RandomNumberGenerator.GetBytes(64);
        var other = RandomNumberGenerator.GetBytes(8);
        var data = new Dictionary<string, byte[]> { ["tls.crt"] = crt, ["tls.key"] = privateKey, ["ca.crt"] = other };

        var taken = TlsSecretCertificate.TakeCertificate(data);

        Assert.Same(crt, taken);
        Assert.Empty(data);
        Assert.All(privateKey, b => Assert.Equal(0, b));
        Assert.All(other, b => Assert.Equal(0, b));
    }

    [Fact]
    public void Both_an_asset_source_and_clusters_is_refused()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AssetSource"] = "k8s", ["Clusters:0:Name"] = "c1" }).Build();

        var problems = new KubernetesCertificateSourceFactory(logs, new InstantTimeProvider(), clusters).Validate("Qlrf:Certificates:Sources:x", section);

        Assert.Equal(["Qlrf:Certificates:Sources:x: give either AssetSource or Clusters, not both."], problems);
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        pki.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
