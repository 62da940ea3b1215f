using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Qlrf.Discovery;
using Qlrf.Execution;
using Qlrf.Sandbox;
using Qlrf.Sandbox.Dr;
using Qlrf.Scheduling;

namespace Qlrf.UnitTests.Dr;

public sealed class SandboxDrExecutorTests : IDisposable
{
    private const string Estate = """
        organisation: { id: acme }
        sites:
          - { name: site-a, platform: aws, region: r1, kind: cloud_region }
          - { name: site-b, platform: aws, region: r2, kind: cloud_region }
        assets:
          - { id: db-1, platform: aws, site: site-a, environment: prod, state: running, health: healthy }
        """;

    private static readonly DrScope Scope = new("acme", "orders-db", "site-a", "site-b", ["db-1"]);

    private readonly DrTempStore store = new();
    private readonly SandboxSources sources = new();
    private readonly SandboxDrOptions options = new();
    private readonly Mock<IOptionsMonitor<SandboxDrOptions>> monitor = new();
    private readonly SandboxDrExecutor executor;

    public SandboxDrExecutorTests()
    {
        var file = Path.Combine(store.Directory, "estate.yaml");
        File.WriteAllText(file, Estate);
        var definition = new AssetSourceDefinition("sandbox", "sandbox", "acme", CronSchedule.Parse("0 0 * * * *"), true, TimeSpan.FromMinutes(1));
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["EstateFile"] = file }).Build();
        new SandboxAssetSourceFactory(sources, Mock.Of<ISandboxStateStore>()).Create(definition, section);
        options.Defaults.ReplicationLag = TimeSpan.FromSeconds(20);
        options.Defaults.LagAfterSync = TimeSpan.FromSeconds(2);
        options.Defaults.SyncDuration = TimeSpan.FromSeconds(5);
        options.Defaults.FailoverDuration = TimeSpan.FromSeconds(30);
        options.Defaults.WarmUp = TimeSpan.FromSeconds(10);
        options.Defaults.FailbackDuration = TimeSpan.FromSeconds(15);
        monitor.Setup(m => m.CurrentValue).Returns(options);
        executor = New();
    }

    public void Dispose()
    {
        executor.Dispose();
        store.Dispose();
    }

    private SandboxDrExecutor New() => new(sources, store.SandboxDr, monitor.Object, store.Time, NullLogger<SandboxDrExecutor>.Instance);

    private static DrJobRequest Job(DrJobKind kind, string drill = "dr-1", bool test = true) => new(Scope, kind, drill, test);

    private async Task<DrJob> RunAsync(DrJobKind kind, string drill = "dr-1", bool test = true)
    {
        var job = await executor.StartJobAsync(Job(kind, drill, test), default);
        while (!job.IsFinished)
        {
            store.Time.Advance(TimeSpan.FromSeconds(1));
            job = await executor.GetJobAsync(Job(kind, drill, test), default);
        }

        return job;
    }

    [Fact]
    public async Task It_serves_pairs_of_sandbox_sites_and_reports_health_and_lag_per_site()
    {
        options.Sites["site-b"] = new SandboxDrSite { Healthy = false, HealthDetail = "storage array offline", ReplicationLag = TimeSpan.FromSeconds(45) };

        Assert.True(executor.Handles("acme", "site-a", "site-b"));
        Assert.False(executor.Handles("acme", "site-a", "aws-eu-west-9"));
        Assert.True((await executor.GetSiteStatusAsync("acme", "site-a", default)).Healthy);
        Assert.Equal("storage array offline", (await executor.GetSiteStatusAsync("acme", "site-b", default)).Detail);
        Assert.Equal(new ReplicationStatus(ReplicationState.Replicating, TimeSpan.FromSeconds(45), null, store.Time.GetUtcNow()), await executor.GetReplicationAsync(Scope, default));
    }

    [Fact]
    public async Task A_failover_takes_its_duration_and_the_workloads_are_healthy_after_warm_up_since_a_known_time()
    {
        var started = store.Time.GetUtcNow();
        var failover = await executor.StartJobAsync(Job(DrJobKind.Failover), default);

        Assert.Equal((DrJobState.Running, TimeSpan.FromSeconds(20)), (failover.State, failover.LagAtStart));
        Assert.Equal(WorkloadState.Starting, (await executor.CheckRecoveryAsync(Scope, "dr-1", default)).Workloads[0].State);
        store.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(started.AddSeconds(30), (await executor.GetJobAsync(Job(DrJobKind.Failover), default)).FinishedAt);
        Assert.Equal(WorkloadState.Starting, (await executor.CheckRecoveryAsync(Scope, "dr-1", default)).Workloads[0].State);
        store.Time.Advance(TimeSpan.FromSeconds(25));

        var check = await executor.CheckRecoveryAsync(Scope, "dr-1", default);
        Assert.True(check.AllHealthy);
        Assert.Equal(started.AddSeconds(40), check.Workloads[0].HealthySince);
        Assert.Equal(WorkloadState.Missing, (await executor.CheckRecoveryAsync(Scope, "dr-other", default)).Workloads[0].State);
    }

    [Fact]
    public async Task Starting_a_job_again_returns_the_job_already_started()
    {
        var first = await executor.StartJobAsync(Job(DrJobKind.Failover), default);
        store.Time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(first.StartedAt, (await executor.StartJobAsync(Job(DrJobKind.Failover), default)).StartedAt);
    }

    [Fact]
    public async Task After_a_sync_the_failover_starts_from_the_lag_the_sync_left()
    {
        Assert.Equal(DrJobState.Succeeded, (await RunAsync(DrJobKind.Sync)).State);

        Assert.Equal(TimeSpan.FromSeconds(2), (await executor.StartJobAsync(Job(DrJobKind.Failover), default)).LagAtStart);
    }

    [Fact]
    public async Task A_restarted_host_sees_the_same_jobs_and_health_times()
    {
        var started = store.Time.GetUtcNow();
        await executor.StartJobAsync(Job(DrJobKind.Failover), default);
        store.Time.Advance(TimeSpan.FromMinutes(10));

        using var restarted = New();
        var job = await restarted.GetJobAsync(Job(DrJobKind.Failover), default);
        var check = await restarted.CheckRecoveryAsync(Scope, "dr-1", default);

        Assert.Equal((DrJobState.Succeeded, started, started.AddSeconds(30)), (job.State, job.StartedAt, job.FinishedAt));
        Assert.Equal(started.AddSeconds(40), check.Workloads[0].HealthySince);
    }

    [Fact]
    public async Task An_injected_validation_fault_leaves_the_workloads_unhealthy_at_the_recovery_site()
    {
        options.Faults.Add(new SandboxDrFault { Operation = "validation" });
        options.Faults[0].Sites.Add("site-b");

        await RunAsync(DrJobKind.Failover);
        store.Time.Advance(TimeSpan.FromMinutes(5));
        var check = await executor.CheckRecoveryAsync(Scope, "dr-1", default);

        Assert.Equal(WorkloadState.Unhealthy, check.Workloads[0].State);
        Assert.Equal("Injected sandbox fault: application health check failing at site-b.", check.Workloads[0].Detail);
    }

    [Fact]
    public async Task An_injected_failover_fault_fails_the_job_and_failback_cleans_up()
    {
        options.Faults.Add(new SandboxDrFault { Operation = "failover", Detail = "quota exceeded" });

        var failover = await RunAsync(DrJobKind.Failover);
        var failback = await RunAsync(DrJobKind.Failback);

        Assert.Equal((DrJobState.Failed, "Injected sandbox fault: quota exceeded."), (failover.State, failover.Detail));
        Assert.Equal(DrJobState.Succeeded, failback.State);
        Assert.Equal(WorkloadState.Missing, (await executor.CheckRecoveryAsync(Scope, "dr-1", default)).Workloads[0].State);
    }

    [Fact]
    public async Task An_injected_failback_fault_leaves_the_pair_failed_over()
    {
        options.Faults.Add(new SandboxDrFault { Operation = "failback" });
        options.Faults[0].Pairs.Add("orders-db");

        await RunAsync(DrJobKind.Failover, test: false);
        var failback = await RunAsync(DrJobKind.Failback, test: false);

        Assert.Equal(DrJobState.Failed, failback.State);
        Assert.Equal(ReplicationState.FailedOver, (await executor.GetReplicationAsync(Scope, default)).State);
    }

    [Fact]
    public async Task A_planned_failover_stops_replication_until_failback_and_resumption()
    {
        await RunAsync(DrJobKind.Failover, test: false);
        Assert.Equal(ReplicationState.FailedOver, (await executor.GetReplicationAsync(Scope, default)).State);
        await RunAsync(DrJobKind.Failback, test: false);
        Assert.Equal(ReplicationState.Paused, (await executor.GetReplicationAsync(Scope, default)).State);
        await RunAsync(DrJobKind.ResumeReplication, test: false);

        Assert.Equal(new ReplicationStatus(ReplicationState.Replicating, TimeSpan.FromSeconds(20), null, store.Time.GetUtcNow()), await executor.GetReplicationAsync(Scope, default));
    }

    [Fact]
    public async Task A_test_failover_leaves_replication_running_and_another_drill_cannot_fail_over_meanwhile()
    {
        await RunAsync(DrJobKind.Failover);

        Assert.Equal(ReplicationState.Replicating, (await executor.GetReplicationAsync(Scope, default)).State);
        var refused = await Assert.ThrowsAsync<ExecutorException>(() => executor.StartJobAsync(Job(DrJobKind.Failover, "dr-2"), default));
        Assert.Contains("already failed over to site-b by drill dr-1", refused.Message, StringComparison.Ordinal);
        Assert.Equal("nothing to fail back: this drill has no failover in effect", (await RunAsync(DrJobKind.Failback, "dr-2")).Detail);
    }
}
