using System.Net;
using System.Text.Json;
using Qlrf.Certificates;
using Qlrf.IntegrationTests.Certificates;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Ai;

/// <summary>The copilot over certificates through the real host on the sandbox PKI of samples/certificates.yaml.</summary>
public sealed class AiCertificateTests : IAsyncLifetime
{
    private const string InternalTools = "sandbox:internal-tools";
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = new QlrfHost(directory, new Dictionary<string, string?>
        {
            ["Qlrf:Certificates:Sources:sandbox:Kind"] = "sandbox",
            ["Qlrf:Sandbox:Certificates:File"] = SamplePki(),
            ["Qlrf:Ai:FollowInterval"] = "00:00:01",
            // No scheduled proposal for the 5-day certificate: the rotations here are the copilot's.
            ["Qlrf:Certificates:Rotation:ProposeWithinDays"] = "0",
        });
        await host.WaitForCertificateAsync(InternalTools);
        await host.WaitForCertificateAsync("sandbox:shop-web");
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    [Fact]
    public async Task Rotating_the_internal_tools_certificate_proposes_its_rotation_which_waits_for_its_own_approval_and_the_task_completes_with_it()
    {
        using var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var created = await alice.SendAsync(HttpMethod.Post, "/api/v1/ai/tasks", """{"prompt":"rotate the internal-tools certificate"}""");
        Assert.True(created.Status == HttpStatusCode.Created, created.Body);
        var task = Parse(created.Body);
        var id = task.GetProperty("id").GetString()!;
        Assert.True(task.GetProperty("status").GetString() == "awaiting_approval", created.Body);
        var plan = task.GetProperty("plan");
        Assert.Equal("certificate_rotation", plan.GetProperty("intent").GetString());
        Assert.Equal(InternalTools, plan.GetProperty("scope").GetProperty("certificate").GetString());
        Assert.Equal(["certificate_usage", "propose_certificate_rotation"], plan.GetProperty("toolCalls").EnumerateArray().Select(c => c.GetProperty("tool").GetString()));
        Assert.Equal("state_change_nonprod", plan.GetProperty("risk").GetString());
        Assert.Equal(["dev"], task.GetProperty("environments").EnumerateArray().Select(e => e.GetString()));
        var usage = task.GetProperty("results").EnumerateArray().Single();
        Assert.Equal("certificate_usage", usage.GetProperty("tool").GetString());
        Assert.True(usage.GetProperty("output").GetProperty("usages").GetInt32() >= 1, usage.ToString());
        Assert.Empty(await RotationsAsync());

        var approved = await alice.SendAsync(HttpMethod.Post, $"/api/v1/ai/tasks/{id}/approve", """{"comment":"rotate it"}""");
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Body);

        var proposed = await WaitForTaskAsync(id, t => t.GetProperty("proposals").GetArrayLength() == 1, "to propose the rotation");
        var proposal = proposed.GetProperty("proposals")[0];
        Assert.Equal("rotation", proposal.GetProperty("kind").GetString());
        var rotationId = proposal.GetProperty("id").GetString()!;
        Assert.Equal([rotationId], (await RotationsAsync()).Select(r => r.Id));
        var waiting = await host.WaitForRotationAsync(rotationId, RotationStatus.AwaitingApproval);
        Assert.Equal("user:alice", waiting.RequestedBy);
        Assert.Equal(InternalTools, waiting.CertificateId);
        Assert.Equal("running", (await host.GetJsonAsync<JsonElement>($"/api/v1/ai/tasks/{id}")).GetProperty("status").GetString());

        var self = await alice.SendAsync(HttpMethod.Post, $"/api/v1/certificate-rotations/{rotationId}/approve", """{"comment":"mine"}""");
        Assert.Equal(HttpStatusCode.Forbidden, self.Status);
        using var bob = host.CreateUserClient("bob", roles: Role.Engineer);
        var decided = await bob.SendAsync(HttpMethod.Post, $"/api/v1/certificate-rotations/{rotationId}/approve", """{"comment":"checked the blast radius"}""");
        Assert.True(decided.Status == HttpStatusCode.OK, decided.Body);

        var rotation = await host.WaitForRotationAsync(rotationId, RotationStatus.Succeeded, RotationStatus.RolledBack, RotationStatus.Failed);
        Assert.True(rotation.Status == RotationStatus.Succeeded, rotation.Error);
        var done = await WaitForTaskAsync(id, t => t.GetProperty("status").GetString() is "completed" or "failed", "to end");
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("succeeded", done.GetProperty("proposals")[0].GetProperty("status").GetString());
        Assert.Contains(rotationId, done.GetProperty("summary").GetString(), StringComparison.Ordinal);
        var audit = (await host.GetJsonAsync<JsonElement>("/api/v1/audit?limit=500")).GetProperty("items").EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "AiProposalMade").Select(e => e.GetProperty("details").GetProperty("kind").GetString());
        Assert.Equal(["rotation"], audit);
    }

    [Fact]
    public async Task Expiry_questions_run_at_once_and_a_rotation_without_a_certificate_asks_back()
    {
        using var oscar = host.CreateUserClient("oscar", roles: Role.Operator);
        var expiry = Parse((await oscar.SendAsync(HttpMethod.Post, "/api/v1/ai/tasks", """{"prompt":"which certificates expire in the next 7 days?"}""")).Body);
        Assert.Equal("completed", expiry.GetProperty("status").GetString());
        var output = expiry.GetProperty("results")[0].GetProperty("output");
        Assert.Equal(["sandbox:shop-web"], output.GetProperty("certificates").EnumerateArray().Select(c => c.GetProperty("id").GetString()).Where(c => c!.StartsWith("sandbox:", StringComparison.Ordinal)));
        Assert.True(output.GetProperty("summary").GetProperty("within7Days").GetInt32() >= 1, output.ToString());

        var vague = Parse((await oscar.SendAsync(HttpMethod.Post, "/api/v1/ai/tasks", """{"prompt":"rotate the certificate"}""")).Body);
        Assert.Equal("needs_clarification", vague.GetProperty("status").GetString());

        var forbidden = Parse((await oscar.SendAsync(HttpMethod.Post, "/api/v1/ai/tasks", """{"prompt":"rotate the shop-web certificate"}""")).Body);
        Assert.Equal("invalid", forbidden.GetProperty("status").GetString());
        Assert.Contains(forbidden.GetProperty("validation").GetProperty("problems").EnumerateArray(), p => p.GetProperty("permission").GetString() == "rotate:certificates");
        Assert.Empty(await RotationsAsync());
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();

    private async Task<List<CertificateRotation>> RotationsAsync()
    {
        var all = new List<CertificateRotation>();
        foreach (var certificate in new[] { InternalTools, "sandbox:shop-web" })
        {
            all.AddRange(await host.GetJsonAsync<List<CertificateRotation>>($"/api/v1/certificates/{certificate}/rotations"));
        }

        return all;
    }

    private async Task<JsonElement> WaitForTaskAsync(string id, Func<JsonElement, bool> condition, string what)
    {
        JsonElement task = default;
        await Eventually.TrueAsync(async () => condition(task = await host.GetJsonAsync<JsonElement>($"/api/v1/ai/tasks/{id}")), TimeSpan.FromSeconds(120), $"AI task {id} {what}");
        return task;
    }

    private static string SamplePki()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "certificates.yaml")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new FileNotFoundException("samples/certificates.yaml"), "samples", "certificates.yaml");
    }
}
