using System.Net;
using Qlrf.Dr;
using Qlrf.Api.Dr;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Support;

/// <summary>
/// A host for DR tests: the sandbox DR simulator and the drill poll set to fractions of a second, the start-up
/// sweep done (drills find their workloads in the inventory), and an engineer to approve what the admin asks for.
/// Faults: validation fails for pair <see cref="ValidationFails"/>; workloads at <c>dc-frankfurt</c> take
/// <see cref="SlowWarmUp"/> to pass their checks; <c>gcp-us-central1</c> reports unhealthy.
/// </summary>
public sealed class DrHost : IAsyncLifetime
{
    public const string ValidationFails = "validation-fails";
    public static readonly TimeSpan Failover = TimeSpan.FromMilliseconds(400);
    public static readonly TimeSpan WarmUp = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan SlowWarmUp = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan LagAfterSync = TimeSpan.FromSeconds(1);

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["Qlrf:Dr:PollInterval"] = "00:00:00.100",
        ["Qlrf:Dr:ActivityRetryDelay"] = "00:00:00.100",
        ["Qlrf:Dr:SchedulerSchedule"] = "* * * * * *",
        ["Qlrf:Sandbox:Dr:Defaults:SyncDuration"] = "00:00:00.200",
        ["Qlrf:Sandbox:Dr:Defaults:FailoverDuration"] = "00:00:00.400",
        ["Qlrf:Sandbox:Dr:Defaults:WarmUp"] = "00:00:00.300",
        ["Qlrf:Sandbox:Dr:Defaults:FailbackDuration"] = "00:00:00.200",
        ["Qlrf:Sandbox:Dr:Defaults:LagAfterSync"] = "00:00:01",
        ["Qlrf:Sandbox:Dr:Sites:dc-frankfurt:WarmUp"] = "00:00:03",
        ["Qlrf:Sandbox:Dr:Sites:gcp-us-central1:Healthy"] = "false",
        ["Qlrf:Sandbox:Dr:Sites:gcp-us-central1:HealthDetail"] = "power maintenance",
        ["Qlrf:Sandbox:Dr:Faults:0:Operation"] = "validation",
        ["Qlrf:Sandbox:Dr:Faults:0:Pairs:0"] = ValidationFails,
    };

    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Engineer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = new QlrfHost(Directory, Settings);
        Admin = Host.CreateClient();
        Engineer = await Host.CreateClientAsAsync(Role.Engineer);
        await Host.WaitForFirstSweepAsync();
        await Host.WaitForQueueToDrainAsync();
    }

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        Engineer.Dispose();
        await Host.DisposeAsync();
        Directory.Dispose();
    }
}

/// <summary>DR calls for tests.</summary>
public static class DrCalls
{
    /// <summary>A pair over the sample estate's AWS orders database, with the given id and targets.</summary>
    public static string PairJson(string id, string primary = "aws-us-east-1", string recovery = "aws-eu-west-1", string group = "orders-db-aws-eu-west-1", double rto = 300, double rpo = 60, string extra = "") =>
        $$$"""
        {"id":"{{{id}}}","name":"Test pair {{{id}}}","primarySite":"{{{primary}}}","recoverySite":"{{{recovery}}}","environment":"prod",
         "workloads":{"tags":{"dr-group":"{{{group}}}"}},"replication":"asynchronous","rtoTargetSeconds":{{{rto}}},"rpoTargetSeconds":{{{rpo}}}{{{extra}}}}
        """;

    public static async Task CreatePairAsync(this HttpClient client, string json)
    {
        var reply = await client.SendAsync(HttpMethod.Post, "/api/v1/dr/pairs", json);
        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
    }

    public static async Task<DrillDto> StartDrillAsync(this HttpClient client, string pairId, string kind = "test_failover", bool dryRun = false)
    {
        var reply = await client.SendAsync(HttpMethod.Post, "/api/v1/dr/drills", $$"""{"pairId":"{{pairId}}","kind":"{{kind}}","dryRun":{{(dryRun ? "true" : "false")}}}""");
        Assert.True(reply.Status == HttpStatusCode.Accepted, reply.Body);
        return reply.Json<DrillDto>();
    }

    public static async Task<DrillDto> WaitForDrillAsync(this HttpClient client, string id, Func<DrillDto, bool> until, string what)
    {
        var timeout = TimeSpan.FromSeconds(60);
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            var drill = (await client.FetchAsync($"/api/v1/dr/drills/{id}")).Json<DrillDto>();
            if (until(drill))
            {
                return drill;
            }

            Assert.True(
                TimeProvider.System.GetElapsedTime(started) < timeout,
                $"Timed out after {timeout} waiting for {what}; last seen: {drill.Status}, {drill.Phase}, {drill.Summary} {drill.Detail}");
            await Task.Delay(25);
        }
    }

    public static Task<DrillDto> WaitForFinishAsync(this HttpClient client, string id) =>
        client.WaitForDrillAsync(id, d => d.Status.IsFinished(), $"drill {id} to finish");

    public static Task<DrillDto> WaitForStatusAsync(this HttpClient client, string id, DrillStatus status) =>
        client.WaitForDrillAsync(id, d => d.Status == status, $"drill {id} to be {status}");

    public static Task<Reply> DecideAsync(this HttpClient client, string id, string decision = "approve", string comment = "ok") =>
        client.SendAsync(HttpMethod.Post, $"/api/v1/dr/drills/{id}/{decision}", $$"""{"comment":"{{comment}}"}""");

    public static async Task<DrillReport> ReportAsync(this HttpClient client, string id) => (await client.FetchAsync($"/api/v1/dr/drills/{id}/report")).Json<DrillReport>();
}

/// <summary>A drill as the API returns it.</summary>
public sealed record DrillDto(
    string Id, string PairId, DrillKind Kind, bool DryRun, DrillTrigger Trigger, string RequestedBy, DrillStatus Status, DrillPhase Phase,
    DateTimeOffset? FinishedAt, double? ElapsedSeconds, double? RtoSeconds, double? RpoSeconds, string? ApprovalId, string? Summary, string? Detail);

/// <summary>Fleet readiness as the API returns it.</summary>
public sealed record FleetDto(Qlrf.Drift.RagStatus? Status, int Green, int Amber, int Red, List<DrReadinessResource> Pairs);
