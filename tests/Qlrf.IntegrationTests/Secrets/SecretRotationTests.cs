using System.Net;
using Qlrf.Api.Secrets;
using Qlrf.Certificates;
using Qlrf.IntegrationTests.Support;
using Qlrf.Secrets;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Secrets;

/// <summary>Secret rotations through the real host on the sandbox: approved through the API, workloads restarted on loopback and checked by the test too.</summary>
public sealed class SecretRotationTests : IAsyncLifetime
{
    private readonly HostDirectory directory = new();
    private QlrfHost host = null!;

    public async Task InitializeAsync()
    {
        host = SecretHost.Create(directory);
        await host.WaitForSecretAsync(SecretHost.DbPassword);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        directory.Dispose();
    }

    private async Task<(SecretRotation Waiting, HttpClient Requester)> StartAsync(string secretId)
    {
        var alice = host.CreateUserClient("alice", roles: Role.Engineer);
        var started = await alice.SendAsync(HttpMethod.Post, $"/api/v1/secrets/{secretId}/rotations", """{"reason":"policy says so"}""");
        Assert.True(started.Status == HttpStatusCode.Accepted, started.Body);
        var waiting = await host.WaitForRotationAsync(started.Json<SecretRotation>().Id, RotationStatus.AwaitingApproval);
        return (waiting, alice);
    }

    private async Task ApproveAsync(string rotationId)
    {
        using var bob = host.CreateUserClient("bob", roles: Role.Engineer);
        var approved = await bob.SendAsync(HttpMethod.Post, $"/api/v1/secret-rotations/{rotationId}/approve", """{"comment":"workloads checked"}""");
        Assert.True(approved.Status == HttpStatusCode.OK, approved.Body);
    }

    /// <summary>The test's own HTTP GET of a workload's health (not QL-RF's checker).</summary>
    private static async Task<HttpStatusCode> HealthAsync(string url)
    {
        using var client = new HttpClient();
        using var response = await client.GetAsync(new Uri(url));
        return response.StatusCode;
    }

    [Fact]
    public async Task An_approved_rotation_ends_with_a_new_current_version_and_the_workload_connecting()
    {
        var before = await host.GetJsonAsync<SecretDetail>("/api/v1/secrets/" + SecretHost.DbPassword);
        var (waiting, alice) = await StartAsync(SecretHost.DbPassword);
        using var requester = alice;
        var usage = Assert.Single(waiting.Plan!.Waves.SelectMany(w => w));
        Assert.Equal(("sandbox://workloads/web", "prod", ConnectivityCheck.Http), (usage.Workload, usage.Environment, usage.Check!.Kind));
        Assert.Equal(before.Secret.Version, waiting.Plan.CurrentVersion);
        Assert.Equal(HttpStatusCode.Forbidden, (await alice.SendAsync(HttpMethod.Post, $"/api/v1/secret-rotations/{waiting.Id}/approve", """{"comment":"mine"}""")).Status);

        await ApproveAsync(waiting.Id);

        var done = await host.WaitForRotationAsync(waiting.Id, RotationStatus.Succeeded, RotationStatus.RolledBack, RotationStatus.Failed);
        Assert.True(done.Status == RotationStatus.Succeeded, done.Error);
        Assert.NotNull(done.NewVersion);
        Assert.NotEqual(before.Secret.Version, done.NewVersion);
        Assert.Contains(done.Steps, s => s is { Action: "restarted", Succeeded: true } && s.Target == usage.Workload);
        Assert.Contains(done.Steps, s => s is { Action: "checked", Succeeded: true } && s.Target == usage.Workload);
        var after = await host.GetJsonAsync<SecretDetail>("/api/v1/secrets/" + SecretHost.DbPassword);
        Assert.Equal(done.NewVersion, after.Secret.Version);
        Assert.False(after.RotationOverdue);
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(usage.Check.Target));
        Assert.Equal(waiting.Id, Assert.Single(await host.GetJsonAsync<List<SecretRotation>>($"/api/v1/secrets/{SecretHost.DbPassword}/rotations")).Id);
    }

    [Fact]
    public async Task A_failing_check_rolls_back_and_leaves_the_previous_version_current()
    {
        var before = await host.GetJsonAsync<SecretDetail>("/api/v1/secrets/" + SecretHost.Legacy);
        var (waiting, alice) = await StartAsync(SecretHost.Legacy);
        using var requester = alice;
        var usage = Assert.Single(waiting.Plan!.Waves.SelectMany(w => w));

        await ApproveAsync(waiting.Id);

        var done = await host.WaitForRotationAsync(waiting.Id, RotationStatus.Succeeded, RotationStatus.RolledBack, RotationStatus.Failed);
        Assert.Equal(RotationStatus.RolledBack, done.Status);
        Assert.Contains("check of sandbox://workloads/legacy failed", done.Error, StringComparison.Ordinal);
        Assert.Contains(done.Steps, s => s is { Action: "checked", Succeeded: false } && s.Target == usage.Workload);
        var rolledBack = done.Steps.Where(s => s.Action == "rolled back").Select(s => s.Target).ToList();
        Assert.Equal([usage.Workload, SecretHost.Legacy], rolledBack);
        var after = await host.GetJsonAsync<SecretDetail>("/api/v1/secrets/" + SecretHost.Legacy);
        Assert.Equal(before.Secret.Version, after.Secret.Version);
        Assert.Equal(HttpStatusCode.OK, await HealthAsync(usage.Check!.Target));
    }

    [Fact]
    public async Task A_rejected_rotation_changes_nothing_and_a_second_one_waits_for_the_first()
    {
        var before = await host.GetJsonAsync<SecretDetail>("/api/v1/secrets/" + SecretHost.ApiKey);
        var (waiting, alice) = await StartAsync(SecretHost.ApiKey);
        using var requester = alice;
        Assert.Equal(2, waiting.Plan!.Waves.Sum(w => w.Count));
        var again = await alice.SendAsync(HttpMethod.Post, $"/api/v1/secrets/{SecretHost.ApiKey}/rotations", "{}");
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        using var bob = host.CreateUserClient("bob", roles: Role.Engineer);
        var rejected = await bob.SendAsync(HttpMethod.Post, $"/api/v1/secret-rotations/{waiting.Id}/reject", """{"comment":"not during the sale"}""");
        Assert.True(rejected.Status == HttpStatusCode.OK, rejected.Body);

        var done = await host.WaitForRotationAsync(waiting.Id, RotationStatus.Rejected);
        Assert.Null(done.NewVersion);
        Assert.Equal(before.Secret.Version, (await host.GetJsonAsync<SecretDetail>("/api/v1/secrets/" + SecretHost.ApiKey)).Secret.Version);
        using var viewer = await host.CreateClientAsAsync(Role.Viewer);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendAsync(HttpMethod.Post, $"/api/v1/secrets/{SecretHost.ApiKey}/rotations", "{}")).Status);
    }
}
