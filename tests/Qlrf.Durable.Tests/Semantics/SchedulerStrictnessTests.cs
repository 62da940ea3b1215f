using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>
/// Orchestrator code runs only on its step's scheduler, as on Durable's engine. A continuation that leaves it fails
/// the instance with <see cref="OrchestrationLeftSchedulerException"/> (Durable would leave it hanging); code that
/// awaits only the context's tasks completes.
/// </summary>
public sealed class SchedulerStrictnessTests
{
    public static TheoryData<string> Escapes => ["awaited CancelAsync", "Task.Run", "ConfigureAwait(false) then a yield", "ConfigureAwait(false) then an activity", "Task.Delay"];

    [Theory]
    [MemberData(nameof(Escapes))]
    public async Task A_continuation_that_leaves_the_scheduler_fails_the_instance_with_an_error_that_says_so(string escape)
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<string, string>("Escaper", (ctx, how) => EscapeAsync(ctx, how))
            .AddActivity<object?, string>("Echo", (_, _) => Task.FromResult("echo")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Escaper", escape);
        await host.Client.RaiseEventAsync(id, "go", "went");

        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Equal(typeof(OrchestrationLeftSchedulerException).FullName, state.FailureDetails!.ErrorType);
        Assert.Contains("The orchestrator 'Escaper'", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("continued outside the orchestration scheduler", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_orchestrator_that_awaits_only_the_contexts_tasks_and_cancels_synchronously_completes()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("WellBehaved", async (ctx, _) =>
            {
                var echoed = await ctx.CallActivityAsync<string>("Echo");
                await ctx.CreateTimer(TimeSpan.FromMilliseconds(1), CancellationToken.None);
                using var cancel = new CancellationTokenSource();
                var timer = ctx.CreateTimer(TimeSpan.FromDays(1), cancel.Token);
                var go = ctx.WaitForExternalEvent<string>("go");
                await Task.WhenAny(go, timer);
                cancel.Cancel();
                var timed = await ctx.WaitForExternalEvent<string>("again", TimeSpan.FromDays(1));
                await Task.Yield();
                return $"{echoed},{await go},{timed}";
            })
            .AddActivity<object?, string>("Echo", (_, _) => Task.FromResult("echo")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WellBehaved");
        await host.Client.RaiseEventAsync(id, "go", "went");
        await host.Client.RaiseEventAsync(id, "again", "twice");

        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal("echo,went,twice", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_an_orchestrator_sends_in_the_step_in_which_it_completes_are_delivered()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Receiver", async (ctx, _) => await ctx.WaitForExternalEvent<string>("ping"))
            .AddOrchestrator<string, string>("Sender", (ctx, receiver) =>
            {
                ctx.SendEvent(receiver, "ping", "from the last step");
                return Task.FromResult("sent");
            }));
        var receiver = await host.Client.ScheduleNewOrchestrationInstanceAsync("Receiver");
        var sender = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sender", receiver);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(sender)).RuntimeStatus);
        var received = await host.WaitAsync(receiver);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, received.RuntimeStatus);
        Assert.Equal("from the last step", received.ReadOutputAs<string>());
    }

    private static async Task<string> EscapeAsync(IOrchestrationContext ctx, string how)
    {
        switch (how)
        {
            case "awaited CancelAsync":
                using (var cancel = new CancellationTokenSource())
                {
                    var timer = ctx.CreateTimer(TimeSpan.FromDays(1), cancel.Token);
                    var go = ctx.WaitForExternalEvent<string>("go");
                    await Task.WhenAny(go, timer);
                    await cancel.CancelAsync();
                    return await go;
                }

            case "Task.Run":
                return await Task.Run(() => "ran");
            case "ConfigureAwait(false) then a yield":
                // (A ConfigureAwait(false) continuation that only returns is harmless: the caller's await brings it back.)
                var echoed = await ctx.CallActivityAsync<string>("Echo").ConfigureAwait(false);
                await Task.Yield();
                return echoed;
            case "ConfigureAwait(false) then an activity":
                var first = await ctx.CallActivityAsync<string>("Echo").ConfigureAwait(false);
                return first + await ctx.CallActivityAsync<string>("Echo");
            case "Task.Delay":
                await Task.Delay(TimeSpan.FromMilliseconds(1));
                return "delayed";
            default:
                throw new ArgumentOutOfRangeException(nameof(how), how, null);
        }
    }
}
