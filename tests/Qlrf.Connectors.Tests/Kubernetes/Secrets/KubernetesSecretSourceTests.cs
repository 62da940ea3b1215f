using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Qlrf.Certificates;
using Qlrf.Connectors.Kubernetes;
using Qlrf.Connectors.Kubernetes.Secrets;
using Qlrf.Connectors.Tests.Kubernetes.Certificates;
using Qlrf.Connectors.Tests.Support;
using Qlrf.Scheduling;
using Qlrf.Secrets;

namespace Qlrf.Connectors.Tests.Kubernetes.Secrets;

/// <summary>The <c>kubernetes</c> secret source against a loopback API server that sends every secret's data, asked or not.</summary>
public sealed class KubernetesSecretSourceTests : IAsyncLifetime
{
    private const string Password = "hunter2-correct-horse-battery";
    private readonly string folder = Directory.CreateTempSubdirectory("qlrf-k8s-secrets-").FullName;
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

    public async Task DisposeAsync()
    {
        await api.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    private ISecretSource Source()
    {
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["AssetSource"] = "k8s" }).Build();
        var factory = new KubernetesSecretSourceFactory(logs, new InstantTimeProvider(), clusters);
        Assert.Empty(factory.Validate("Qlrf:Secrets:Sources:k8s-secrets", section));
        return factory.Create(new CertificateSourceDefinition("k8s-secrets", "kubernetes", "acme", CronSchedule.Parse("0 */15 * * * *"), "prod", true), section);
    }

    private static void Use(JsonObject workload, string key, JsonNode value)
    {
        var spec = workload["spec"]!["template"]!["spec"]!.AsObject();
        if (key is "env" or "envFrom")
        {
            spec["containers"]![0]![key] = value;
        }
        else
        {
            spec[key] = value;
        }
    }

    [Fact]
    public async Task Opaque_secrets_are_inventoried_as_metadata_with_the_workloads_using_them_and_no_value_leaves_the_adapter()
    {
        var db = TlsSecretFixtures.Secret("shop", "db", "Opaque", "812", new Dictionary<string, string> { ["password"] = Password });
        db["metadata"]!["annotations"] = new JsonObject { ["qlrf.io/rotation-days"] = "30", ["qlrf.io/expires-at"] = "2027-01-01T00:00:00Z" };
        db["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "kubectl", ["operation"] = "Update", ["time"] = "2026-11-01T10:00:00Z" });
        api.Put("/api/v1/namespaces/shop/secrets/db", db);
        api.Put("/api/v1/namespaces/shop/secrets/api-key", TlsSecretFixtures.Secret("shop", "api-key", "Opaque", "9", new Dictionary<string, string> { ["key"] = Password + "-api" }));
        api.Put("/api/v1/namespaces/shop/secrets/web-tls", TlsSecretFixtures.Secret("shop", "web-tls", "kubernetes.io/tls", "10", new Dictionary<string, string> { ["tls.key"] = Password + "-tls" }));
        Use(api.Add("Deployment", "shop", "web", 2, ("web", "nginx:1.27")), "env", new JsonArray(new JsonObject { ["name"] = "PW", ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "db", ["key"] = "password" } } }));
        Use(api.Add("StatefulSet", "shop", "worker", 1, ("worker", "shop/worker:3")), "envFrom", new JsonArray(new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "db" } }));
        Use(api.Add("Deployment", "shop", "gateway", 1, ("gateway", "gw:1")), "volumes", new JsonArray(new JsonObject { ["name"] = "key", ["secret"] = new JsonObject { ["secretName"] = "api-key" } }));

        var result = await Source().SweepAsync(CancellationToken.None);

        Assert.Equal(["k8s-secrets:c1:shop:api-key", "k8s-secrets:c1:shop:db"], result.Secrets.Select(s => s.Id).Order(StringComparer.Ordinal));
        var secret = Assert.Single(result.Secrets, s => s.Name == "c1:shop:db");
        Assert.Equal(("812", "Opaque", 30, "prod", SecretStoreKinds.Kubernetes), (secret.Version, secret.ContentType, secret.RotationDays, secret.Environment, secret.StoreKind));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero), secret.CreatedAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 10, 0, 0, TimeSpan.Zero), secret.UpdatedAt);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), secret.ExpiresAt);
        Assert.Equal(["k8s://c1/shop/deployment/web", "k8s://c1/shop/statefulset/worker"], secret.Workloads);
        Assert.Equal(["k8s://c1/shop/deployment/gateway"], Assert.Single(result.Secrets, s => s.Name == "c1:shop:api-key").Workloads);

        var secretLists = api.Accepts.Where(a => a.Query.StartsWith("/api/v1/secrets?", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(secretLists);
        Assert.All(secretLists, a => Assert.StartsWith(KubernetesSecretSource.MetadataOnly, a.Accept, StringComparison.Ordinal));
        Assert.All(secretLists, a => Assert.Contains("fieldSelector=type%3DOpaque", a.Query, StringComparison.Ordinal));

        // The fake sent every value in full; none of them is in what the sweep hands the store, nor in the logs.
        var stored = JsonSerializer.Serialize(result);
        foreach (var value in new[] { Password, Password + "-api", Password + "-tls" })
        {
            Assert.DoesNotContain(value, stored, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(value)), stored, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Lines, l => l.Contains(value, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_cluster_that_refuses_the_list_fails_the_sweep()
    {
        api.FailNext(403, "Forbidden", "secrets is forbidden: User \"qlrf\" cannot list resource \"secrets\"");

        var refused = await Assert.ThrowsAsync<ConnectorHttpException>(() => Source().SweepAsync(CancellationToken.None));

        Assert.Contains("forbidden", refused.Message, StringComparison.Ordinal);
    }
}
