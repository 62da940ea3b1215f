using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Qlrf.Dr;
using Qlrf.Api.Rollouts;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Isolation;

/// <summary>
/// A host where organisation A (the default one, <c>acme</c>) holds one real object of every kind the API addresses by
/// id (an asset, a sweep run, a role binding, an API key, an image family with two versions, a policy exception, a
/// rollout waiting for approval, a DR pair with a drill waiting for approval, and a finished dry-run drill with its
/// report), and organisation B (<see cref="Access.OtherOrganisation"/>) has an admin and one image of its own.
/// </summary>
public sealed class OrganisationA : IAsyncLifetime
{
    public const string Family = "isolation-base";
    public const string Image = Family + "@1.0.0";
    public const string NewerImage = Family + "@2.0.0";
    public const string Pair = "isolation-pair";
    public const string DryPair = "isolation-dry";
    public const string BFamily = "globex-base";
    public const string CertificateId = "sandbox:shop-web";

    /// <summary>A sample sandbox secret (samples/secrets.yaml).</summary>
    public const string SecretId = "sandbox:shop-db-password";
    public const string BImage = BFamily + "@1.0.0";

    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public HttpClient A { get; private set; } = null!;

    public HttpClient B { get; private set; } = null!;

    public string AssetId { get; private set; } = null!;

    public string Site { get; private set; } = null!;

    public string RunId { get; private set; } = null!;

    public string BindingId { get; private set; } = null!;

    public string KeyId { get; private set; } = null!;

    public string PolicyExceptionId { get; private set; } = null!;

    public string RolloutId { get; private set; } = null!;

    public string DrillId { get; private set; } = null!;

    public string FinishedDrillId { get; private set; } = null!;

    public string CertificateAlertId { get; private set; } = null!;

    public string RotationId { get; private set; } = null!;

    public string EvidencePackId { get; private set; } = null!;

    public string AiTaskId { get; private set; } = null!;

    public string SecretRotationId { get; private set; } = null!;

    /// <summary>Strings that only A's objects hold: none may appear in an answer B gets.</summary>
    public IReadOnlyList<string> Marks =>
        [AssetId, RunId, BindingId, KeyId, Family, PolicyExceptionId, RolloutId, DrillId, FinishedDrillId, Pair, DryPair, Site, "alice-of-acme", CertificateId, RotationId, AiTaskId, EvidencePackId, SecretId, SecretRotationId];

    public async Task InitializeAsync()
    {
        // A stand-in compliance evaluator (the compliance engine registers the real one), so that A can make an evidence pack.
        Host = new QlrfHost(Directory, DrHost.Settings);
        A = Host.CreateClient();
        B = await Host.CreateClientAsAsync(Role.Admin, Access.OtherOrganisation);
        await Host.WaitForFirstSweepAsync();
        await Host.WaitForQueueToDrainAsync();

        var asset = (await Host.AllAssetsAsync("environment=prod&platform=aws"))[0];
        (AssetId, Site) = (asset.Id, asset.Site);
        RunId = (await Host.GetJsonAsync<PageDto<Qlrf.Discovery.SweepRun>>("/api/v1/discovery/runs")).Items[0].Id;
        BindingId = (await Created(A, HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"alice-of-acme","role":"engineer"}""")).Json<BindingDto>().Id;
        KeyId = (await Created(A, HttpMethod.Post, "/api/v1/api-keys", """{"name":"acme-ci","role":"viewer"}""")).Json<CreatedKeyDto>().ApiKey.Id;

        await CreateImageAsync(A, Family, "1.0.0", "2.0.0");
        await Created(A, HttpMethod.Post, $"/api/v1/images/{Image}/transitions", """{"status":"testing","reason":"smoke tests passed"}""");
        await CreateImageAsync(B, BFamily, "1.0.0");

        // A policy exception is known by its target.
        PolicyExceptionId = (await Created(A, HttpMethod.Post, "/api/v1/rollouts/policy-exceptions", """{"target":"ubuntu-2204-base@2026.09.1","reason":"CAB-1"}"""))
            .Json<System.Text.Json.JsonElement>().GetProperty("target").GetString()!;
        RolloutId = await A.StartedRolloutAsync(RolloutCalls.NonProdUbuntu);
        await Host.WaitForStatusAsync(RolloutId, RolloutStatus.AwaitingApproval);

        await A.CreatePairAsync(DrCalls.PairJson(Pair));
        await A.CreatePairAsync(DrCalls.PairJson(DryPair));
        DrillId = (await A.StartDrillAsync(Pair)).Id;
        await A.WaitForStatusAsync(DrillId, DrillStatus.AwaitingApproval);
        FinishedDrillId = (await A.StartDrillAsync(DryPair, dryRun: true)).Id;
        await A.WaitForFinishAsync(FinishedDrillId);

        // The sample sandbox PKI: shop-web expires in 5 days (an alert), internal-tools is rotated up to its approval.
        await Certificates.CertificateHost.WaitForCertificateAsync(Host, CertificateId);
        CertificateAlertId = (await Host.GetJsonAsync<List<Qlrf.Certificates.CertificateAlert>>("/api/v1/certificates/alerts")).First(a => a.CertificateId == CertificateId).Id;
        RotationId = (await Created(A, HttpMethod.Post, "/api/v1/certificates/sandbox:internal-tools/rotations", "{}", HttpStatusCode.Accepted)).Json<Qlrf.Certificates.CertificateRotation>().Id;
        await Certificates.CertificateHost.WaitForRotationAsync(Host, RotationId, Qlrf.Certificates.RotationStatus.AwaitingApproval);
        await Secrets.SecretHost.WaitForSecretAsync(Host, SecretId);
        SecretRotationId = (await Created(A, HttpMethod.Post, $"/api/v1/secrets/{SecretId}/rotations", "{}", HttpStatusCode.Accepted)).Json<Qlrf.Secrets.SecretRotation>().Id;
        await Secrets.SecretHost.WaitForRotationAsync(Host, SecretRotationId, Qlrf.Certificates.RotationStatus.AwaitingApproval);

        // A stored evidence pack of A's.
        EvidencePackId = (await Created(A, HttpMethod.Post, "/api/v1/compliance/evidence-packs", """{"framework":"cis-v8","from":"2026-11-01T00:00:00Z","to":"2026-12-01T00:00:00Z"}""", HttpStatusCode.Accepted))
            .Json<System.Text.Json.JsonElement>().GetProperty("id").GetString()!;
        await Eventually.TrueAsync(
            async () => (await A.FetchAsync($"/api/v1/compliance/evidence-packs/{EvidencePackId}")).Body.Contains("\"status\":\"completed\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "A's evidence pack to be stored");

        // An AI task proposing a drill of A's pair, waiting for approval.
        AiTaskId = (await Created(A, HttpMethod.Post, "/api/v1/ai/tasks", $$"""{"prompt":"run a test failover drill of {{Pair}}"}"""))
            .Json<System.Text.Json.JsonElement>().GetProperty("id").GetString()!;
    }

    public async Task DisposeAsync()
    {
        A.Dispose();
        B.Dispose();
        await Host.DisposeAsync();
        Directory.Dispose();
    }

    private static async Task CreateImageAsync(HttpClient client, string family, params string[] versions)
    {
        await Created(client, HttpMethod.Post, "/api/v1/images/families", $$"""{"name":"{{family}}","os":"Debian 12","owner":"platform"}""");
        foreach (var version in versions)
        {
            await Created(client, HttpMethod.Post, $"/api/v1/images/families/{family}/versions", $$$"""{"version":"{{{version}}}","platforms":{"aws":"ami-0123456789abcdef0"}}""");
        }
    }

    private static async Task<Reply> Created(HttpClient client, HttpMethod method, string path, string json, HttpStatusCode also = HttpStatusCode.Created)
    {
        var reply = await client.SendAsync(method, path, json);
        Assert.True(reply.Status is HttpStatusCode.OK or HttpStatusCode.Created || reply.Status == also, $"{method} {path}: {(int)reply.Status} {reply.Body}");
        return reply;
    }
}
