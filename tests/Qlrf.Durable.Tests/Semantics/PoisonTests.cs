using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 13: a work item dispatched more than MaxDispatchCount times fails with its failure details instead of looping.</summary>
public sealed class PoisonTests
{
    private static TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static void Register(OrchestrationRegistry r) => r
        .AddOrchestrator<object?, string>("Stuck", async (ctx, _) =>
        {
            try
            {
                return await ctx.CallActivityAsync<string>("Hang");
            }
            catch (TaskFailedException ex)
            {
                return ex.FailureDetails.ErrorType + ": " + ex.FailureDetails.ErrorMessage;
            }
        })
        .AddOrchestrator<object?, string>("Listener", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go"))
        .AddActivity<object?, string>("Hang", async (ctx, _) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
            return "never";
        });

    [Fact]
    public async Task An_activity_whose_process_dies_under_it_every_time_fails_as_poison_after_the_limit()
    {
        void Configure(DurableOptions o) => o.MaxDispatchCount = 2;
        var host = await DurableHost.StartAsync(Register, Configure);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Stuck");
        for (var crash = 0; crash < 2; crash++)
        {
            await started.Task.WaitAsync(DurableHost.Patience);
            started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            host = await host.RestartAsync(Register, Configure);
        }

        await using (host)
        {
            var state = await host.WaitAsync(id);

            Assert.StartsWith(RuntimeErrors.PoisonMessage + ": The activity 'Hang' was dispatched 2 times", state.ReadOutputAs<string>(), StringComparison.Ordinal);
            Assert.True(host.Logs.Has(5032));
        }
    }

    [Fact]
    public async Task An_orchestration_dispatched_past_the_limit_fails_with_its_last_error()
    {
        var first = await DurableHost.StartAsync(Register, o => o.MaxDispatchCount = 3);
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Listener");
        await DurableHost.UntilAsync(() => Probe.History(first, id).Has(HistoryEventKind.ExecutionStarted), "the listener to start");
        await first.Database.WriteAsync((c, t) =>
        {
            using var command = c.CreateCommand();
            command.Transaction = t;
            command.CommandText = "UPDATE durable_instances SET dispatch_count = 3, last_error = 'Writing the step failed: disk I/O error' WHERE instance_id = $i";
            command.Parameters.AddWithValue("$i", id);
            command.ExecuteNonQuery();
        }, CancellationToken.None);

        await using var second = await first.RestartAsync(Register, o => o.MaxDispatchCount = 3);
        await second.Client.RaiseEventAsync(id, "go", "now");
        var state = await second.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal(RuntimeErrors.PoisonMessage, state.FailureDetails!.ErrorType);
        Assert.Contains("3 times", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("disk I/O error", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.True(second.Logs.Has(5033));
    }
}
