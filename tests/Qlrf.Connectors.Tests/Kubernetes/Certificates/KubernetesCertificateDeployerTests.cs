using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Qlrf.Certificates;
using Qlrf.Connectors.Kubernetes;
using Qlrf.Connectors.Kubernetes.Certificates;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Execution;

namespace Qlrf.Connectors.Tests.Kubernetes.Certificates;

/// <summary>The Kubernetes certificate deployer against the loopback API: the TLS secret written, the workloads mounting it restarted and awaited.</summary>
public sealed class KubernetesCertificateDeployerTests : IAsyncLifetime
{
    private const string SecretPath = "/api/v1/namespaces/shop/secrets/web-tls";
    private const string WebPath = "/apis/apps/v1/namespaces/shop/deployments/web";
    private const string ApiPath = "/apis/apps/v1/namespaces/shop/statefulsets/api";
    private const string OtherPath = "/apis/apps/v1/namespaces/shop/deployments/other";
    private readonly string folder = Directory.CreateTempSubdirectory("qlrf-k8s-deploy-").FullName;
    private readonly TlsSecretFixtures pki = new();
    private readonly LogCapture logs = new();
    private readonly InstantTimeProvider time = new();
    private readonly KubernetesClusters clusters = new();
    private readonly Materials materials = new();
    private FakeKubernetesApi api = null!;
    private IConfiguration configuration = null!;
    private (X509Certificate2 Leaf, string Crt, string Key) old;
    private (X509Certificate2 Leaf, string Crt, string Key) next;

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
        var options = new KubernetesSourceOptions { RolloutPollInterval = TimeSpan.FromSeconds(2), RolloutTimeout = TimeSpan.FromSeconds(20) };
        options.Clusters.Add(new KubernetesClusterOptions { Name = "c1", Kubeconfig = kubeconfig });
        clusters.Add("k8s", "acme", options);
        configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Qlrf:Certificates:Sources:k8s-certs:Kind"] = "kubernetes",
            ["Qlrf:Certificates:Sources:k8s-certs:AssetSource"] = "k8s",
        }).Build();
        old = pki.Issue("www.shop.example", 5, "www.shop.example");
        next = pki.Issue("www.shop.example", 90, "www.shop.example");
        materials.Add(old, pki.Ca);
        materials.Add(next, pki.Ca);
        api.Put(SecretPath, TlsSecretFixtures.Secret("shop", "web-tls", KubernetesCertificateSource.TlsSecretType, "771", new Dictionary<string, string> { ["tls.crt"] = old.Crt, ["tls.key"] = old.Key }));
        Mount(api.Add("Deployment", "shop", "web", 2, ("web", "nginx:1.27")), new JsonObject { ["volumes"] = new JsonArray(new JsonObject { ["name"] = "tls", ["secret"] = new JsonObject { ["secretName"] = "web-tls" } }) });
        Mount(api.Add("StatefulSet", "shop", "api", 1, ("api", "shop/api:3")), new JsonObject { ["volumes"] = new JsonArray(new JsonObject { ["name"] = "tls", ["projected"] = new JsonObject { ["sources"] = new JsonArray(new JsonObject { ["secret"] = new JsonObject { ["name"] = "web-tls" } }) } }) });
        Mount(api.Add("Deployment", "shop", "other", 1, ("other", "busybox:1")), new JsonObject { ["volumes"] = new JsonArray(new JsonObject { ["name"] = "tls", ["secret"] = new JsonObject { ["secretName"] = "api-tls" } }) });
    }

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        pki.Dispose();
        old.Leaf.Dispose();
        next.Leaf.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private static readonly Certificate Vault = new()
    {
        Id = "kv-prod:web",
        Organisation = "acme",
        Store = "kv-prod",
        StoreKind = CertificateStoreKinds.KeyVault,
        Name = "web",
        Environment = "prod",
        Subject = "CN=www.shop.example",
        Issuer = "CN=Acme Test CA",
        Thumbprint = "unused-here",
        SerialNumber = "01",
        NotBefore = DateTimeOffset.UnixEpoch,
        NotAfter = DateTimeOffset.UnixEpoch,
    };

    private static readonly CertificateUsage Copy = new(Vault.Id, UsageKind.Secret, "k8s-certs:c1:shop:web-tls", "prod", "thumbprint");

    private KubernetesCertificateDeployer Deployer() => new(configuration, clusters, [materials], time, logs.CreateLogger<KubernetesCertificateDeployer>());

    private static void Mount(JsonObject workload, JsonObject podSpecPart)
    {
        foreach (var (key, value) in podSpecPart)
        {
            workload["spec"]!["template"]!["spec"]![key] = value!.DeepClone();
        }
    }

    private string Held(string key) => Encoding.ASCII.GetString(Convert.FromBase64String(api.Get(SecretPath)["data"]![key]!.GetValue<string>()));

    private string? Annotation(string key) => api.Get(SecretPath)["metadata"]!["annotations"]?[key]?.GetValue<string>();

    private string? RestartedFor(string path) => api.Get(path)["spec"]!["template"]!["metadata"]!["annotations"]?[KubernetesCertificateDeployer.RestartAnnotation]?.GetValue<string>();

    private static bool RolledOut(JsonObject workload) =>
        workload["status"]!["observedGeneration"]!.GetValue<long>() == workload["metadata"]!["generation"]!.GetValue<long>()
        && workload["status"]!["updatedReplicas"]!.GetValue<int>() == workload["spec"]!["replicas"]!.GetValue<int>();

    [Fact]
    public void It_deploys_secret_copies_of_certificates_whose_store_has_material_only()
    {
        var deployer = Deployer();

        Assert.True(deployer.CanDeploy(Vault, Copy));
        Assert.False(deployer.CanDeploy(Vault with { StoreKind = CertificateStoreKinds.Sandbox }, Copy));
        Assert.False(deployer.CanDeploy(Vault, Copy with { Kind = UsageKind.Workload, Target = "k8s://c1/shop/deployment/web" }));
        Assert.False(deployer.CanDeploy(Vault, Copy with { Target = "elsewhere:c1:shop:web-tls" }));
    }

    [Fact]
    public async Task Deploy_writes_the_new_version_into_the_secret_and_restarts_each_workload_mounting_it_until_rolled_out()
    {
        await Deployer().DeployAsync(Vault, Copy, next.Leaf.Thumbprint, CancellationToken.None);

        using var held = X509Certificate2.CreateFromPem(Held("tls.crt"), Held("tls.key"));
        Assert.Equal(next.Leaf.Thumbprint, held.Thumbprint);
        Assert.True(held.HasPrivateKey);
        Assert.Contains(pki.Ca.ExportCertificatePem(), Held("tls.crt"), StringComparison.Ordinal);
        Assert.Equal(next.Leaf.Thumbprint, Annotation(KubernetesCertificateDeployer.ThumbprintAnnotation));
        Assert.Equal(old.Leaf.Thumbprint, Annotation(KubernetesCertificateDeployer.PreviousThumbprintAnnotation));
        var secretPatch = Assert.Single(api.Requests, r => r.Method == "PATCH" && r.Path == SecretPath);
        Assert.StartsWith("application/merge-patch+json", secretPatch.ContentType, StringComparison.Ordinal);
        Assert.Contains("\"resourceVersion\":\"771\"", secretPatch.Body, StringComparison.Ordinal);
        foreach (var path in new[] { WebPath, ApiPath })
        {
            Assert.Equal(next.Leaf.Thumbprint, RestartedFor(path));
            Assert.Equal(4L, api.Get(path)["metadata"]!["generation"]!.GetValue<long>());
            Assert.True(RolledOut(api.Get(path)), path);
        }

        Assert.False(api.PatchesByPath.ContainsKey(OtherPath));
        Assert.Equal([next.Leaf.Thumbprint], materials.Asked);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("PRIVATE KEY", StringComparison.Ordinal) || l.Contains(next.Key[40..80], StringComparison.Ordinal));
        Assert.Contains(logs.Lines, l => l.Contains("8147", StringComparison.Ordinal) && l.Contains(next.Leaf.Thumbprint, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_retry_of_a_deployment_changes_nothing()
    {
        var deployer = Deployer();
        await deployer.DeployAsync(Vault, Copy, next.Leaf.Thumbprint, CancellationToken.None);
        var patches = api.Patches;
        var version = api.Get(SecretPath)["metadata"]!["resourceVersion"]!.GetValue<string>();

        await deployer.DeployAsync(Vault, Copy, next.Leaf.Thumbprint, CancellationToken.None);

        Assert.Equal(patches, api.Patches);
        Assert.Equal(version, api.Get(SecretPath)["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal([next.Leaf.Thumbprint], materials.Asked);
        Assert.Equal(4L, api.Get(WebPath)["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Rolling_back_writes_the_previous_version_back_from_the_store_and_restarts_again()
    {
        var deployer = Deployer();
        await deployer.DeployAsync(Vault, Copy, next.Leaf.Thumbprint, CancellationToken.None);

        await deployer.DeployAsync(Vault, Copy, old.Leaf.Thumbprint, CancellationToken.None);

        using var held = X509Certificate2.CreateFromPem(Held("tls.crt"), Held("tls.key"));
        Assert.Equal(old.Leaf.Thumbprint, held.Thumbprint);
        Assert.Equal(old.Leaf.Thumbprint, Annotation(KubernetesCertificateDeployer.ThumbprintAnnotation));
        Assert.Equal(next.Leaf.Thumbprint, Annotation(KubernetesCertificateDeployer.PreviousThumbprintAnnotation));
        Assert.Equal([next.Leaf.Thumbprint, old.Leaf.Thumbprint], materials.Asked);
        foreach (var path in new[] { WebPath, ApiPath })
        {
            Assert.Equal(old.Leaf.Thumbprint, RestartedFor(path));
            Assert.Equal(5L, api.Get(path)["metadata"]!["generation"]!.GetValue<long>());
            Assert.True(RolledOut(api.Get(path)), path);
        }
    }

    [Fact]
    public async Task A_stuck_rollout_fails_the_deployment_naming_the_workload()
    {
        api.FailRollouts = true;

        var error = await Assert.ThrowsAsync<ExecutorException>(() => Deployer().DeployAsync(Vault, Copy, next.Leaf.Thumbprint, CancellationToken.None));

        Assert.Contains("Deployment shop/web", error.Message, StringComparison.Ordinal);
        Assert.Contains("ProgressDeadlineExceeded", error.Message, StringComparison.Ordinal);
        Assert.False(api.PatchesByPath.ContainsKey(ApiPath));
    }

    [Fact]
    public async Task A_secret_that_is_not_a_tls_secret_is_not_written()
    {
        api.Put(SecretPath, TlsSecretFixtures.Secret("shop", "web-tls", "Opaque", "771", new Dictionary<string, string> { ["password"] = "hunter2" }));

        var error = await Assert.ThrowsAsync<ExecutorException>(() => Deployer().DeployAsync(Vault, Copy, next.Leaf.Thumbprint, CancellationToken.None));

        Assert.Contains("shop/web-tls", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, api.Patches);
        Assert.Empty(materials.Asked);
    }

    /// <summary>A Key Vault-like store whose versions are the fixtures' leaves, recording which thumbprints were asked for.</summary>
    private sealed class Materials : ICertificateMaterialSource
    {
        private readonly Dictionary<string, (string Crt, string Key, X509Certificate2 Ca)> versions = new(StringComparer.OrdinalIgnoreCase);

        public string StoreKind => CertificateStoreKinds.KeyVault;

        public List<string> Asked { get; } = [];

        public void Add((X509Certificate2 Leaf, string Crt, string Key) version, X509Certificate2 ca) => versions[version.Leaf.Thumbprint] = (version.Crt, version.Key, ca);

        public Task<CertificateMaterial> GetMaterialAsync(Certificate certificate, string thumbprint, CancellationToken cancellationToken)
        {
            Asked.Add(thumbprint);
            var (crt, key, ca) = versions[thumbprint];
            using var leaf = X509Certificate2.CreateFromPem(crt, key);
            return Task.FromResult(CertificateMaterial.From(leaf, [ca]));
        }
    }
}
