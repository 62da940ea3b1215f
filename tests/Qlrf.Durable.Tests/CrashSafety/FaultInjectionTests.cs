using System.Collections.Concurrent;
using Qlrf.Durable.Tests.Support;
using Xunit.Abstractions;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.CrashSafety;

/// <summary>
/// Crash safety: the k-th store write fails, for every k across a workflow that uses activities, a durable timer,
/// an external event and a sub-orchestration. Every instance still completes, its history is written exactly
/// once, and every activity has run at least once.
/// </summary>
public sealed class FaultInjectionTests(ITestOutputHelper output)
{
    private static void Register(OrchestrationRegistry r, ConcurrentDictionary<string, int> ran) => r
        .AddOrchestrator<string, string>("Pipeline", async (ctx, name) =>
        {
            var prepared = await ctx.CallActivityAsync<string>("Work", $"{ctx.InstanceId}:prepare");
            await ctx.CreateTimer(ctx.CurrentUtcDateTime.AddMilliseconds(10), CancellationToken.None);
            var approval = await ctx.WaitForExternalEvent<string>("approval");
            var child = await ctx.CallSubOrchestratorAsync<string>("Child", $"{ctx.InstanceId}-child", new SubOrchestrationOptions($"{ctx.InstanceId}-child"));
            return $"{name}|{prepared}|{approval}|{child}";
        })
        .AddOrchestrator<string, string>("Child", async (ctx, key) =>
        {
            var left = ctx.CallActivityAsync<string>("Work", $"{key}:left");
            var right = ctx.CallActivityAsync<string>("Work", $"{key}:right");
            return string.Join("+", await Task.WhenAll(left, right));
        })
        .AddActivity<string, string>("Work", (_, key) =>
        {
            ran.AddOrUpdate(key, 1, (_, n) => n + 1);
            return Task.FromResult(key[(key.LastIndexOf(':') + 1)..]);
        });

    [Fact]
    public async Task Failing_the_kth_store_write_for_every_k_still_completes_every_instance_exactly_once()
    {
        var (writes, _) = await RunAsync(failAt: null);
        Assert.InRange(writes, 8, 200);

        var injected = 0;
        for (var k = 1; k <= writes; k++)
        {
            var (_, failed) = await RunAsync(failAt: k);
            injected += failed ? 1 : 0;
        }

        output.WriteLine($"{writes} writes in a clean run; {injected} runs had their k-th write fail.");
        Assert.True(injected >= writes * 3 / 4, $"only {injected} of {writes} runs reached their k-th write");
    }

    /// <summary>Runs the workflow with the <paramref name="failAt"/>-th write failing; returns how many writes the run made, and whether one failed.</summary>
    private static async Task<(int Writes, bool Failed)> RunAsync(int? failAt)
    {
        var ran = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await using var host = await DurableHost.StartAsync(r => Register(r, ran));
        var writes = 0;
        var failed = false;
        host.Database.BeforeCommit = _ =>
        {
            if (Interlocked.Increment(ref writes) == failAt)
            {
                failed = true;
                throw new IOException($"Injected failure of store write {failAt}.");
            }
        };

        await Retry(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Pipeline", "p", new StartOrchestrationOptions("pipeline")));
        await Retry(() => host.Client.RaiseEventAsync("pipeline", "approval", "yes"));
        var state = await host.WaitAsync("pipeline");
        var made = Volatile.Read(ref writes);
        host.Database.BeforeCommit = null;

        var context = $"failing write {failAt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} of {made} (failed: {failed})";
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{context}: {state.RuntimeStatus} {state.FailureDetails}");
        Assert.Equal("p|prepare|yes|left+right", state.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync("pipeline-child"))!.RuntimeStatus);
        HistoryAudit.AssertWrittenOnce(host, "pipeline");
        HistoryAudit.AssertWrittenOnce(host, "pipeline-child");
        foreach (var key in new[] { "pipeline:prepare", "pipeline-child:left", "pipeline-child:right" })
        {
            Assert.True(ran.GetValueOrDefault(key) >= 1, $"{context}: activity {key} never ran");
        }

        return (made, failed);
    }

    private static async Task Retry(Func<Task> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (IOException) when (attempt < 3)
            {
            }
        }
    }
}
