using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests.Secrets;

/// <summary>
/// A host whose sandbox secret store is a file of the test's: a production password whose 30-day rotation is overdue,
/// an API key expiring in 5 days used by two workloads, a development token, and a staging password whose workload
/// rejects new values (the injected check failure).
/// </summary>
internal static class SecretHost
{
    public const string DbPassword = "sandbox:db-password";
    public const string ApiKey = "sandbox:api-key";
    public const string DevToken = "sandbox:dev-token";
    public const string Legacy = "sandbox:legacy-password";

    private const string File = """
        secrets:
          - name: db-password
            environment: prod
            rotationDays: 30
            ageDays: 45
            workloads: [web]
          - name: api-key
            environment: prod
            contentType: application/json
            ageDays: 1
            expiresInDays: 5
            workloads: [web, worker]
          - name: dev-token
            environment: dev
            ageDays: 1
          - name: legacy-password
            environment: staging
            ageDays: 10
            workloads: [legacy]
        workloads:
          - name: web
            environment: prod
            check: http
          - name: worker
            environment: prod
            check: tcp
          - name: legacy
            environment: staging
            check: http
            acceptsNewValues: false
        """;

    public static QlrfHost Create(HostDirectory directory, IDictionary<string, string?>? settings = null)
    {
        var file = Path.Combine(directory.Path, "secrets.yaml");
        System.IO.File.WriteAllText(file, File);
        var all = new Dictionary<string, string?>
        {
            ["Qlrf:Secrets:Sources:sandbox:Kind"] = "sandbox",
            ["Qlrf:Sandbox:Secrets:File"] = file,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new QlrfHost(directory, all);
    }

    /// <summary>Waits for the start-up sweep to have put the secret in the inventory.</summary>
    public static Task WaitForSecretAsync(this QlrfHost host, string id) =>
        Eventually.TrueAsync(
            async () =>
            {
                using var client = host.CreateClient();
                return (await client.FetchAsync("/api/v1/secrets/" + id)).Status == System.Net.HttpStatusCode.OK;
            },
            TimeSpan.FromSeconds(60),
            $"secret {id} in the inventory");

    public static async Task<Qlrf.Secrets.SecretRotation> WaitForRotationAsync(this QlrfHost host, string id, params Qlrf.Certificates.RotationStatus[] statuses)
    {
        Qlrf.Secrets.SecretRotation? rotation = null;
        await Eventually.TrueAsync(
            async () =>
            {
                rotation = await host.GetJsonAsync<Qlrf.Secrets.SecretRotation>("/api/v1/secret-rotations/" + id);
                return statuses.Contains(rotation.Status);
            },
            TimeSpan.FromSeconds(90),
            $"secret rotation {id} to be {string.Join(" or ", statuses)}");
        return rotation!;
    }
}
