using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

/// <summary>Semantic 14: payloads have a size cap with a clear failure; actions per orchestration are capped; custom status is 16 KB at most.</summary>
public sealed class LimitsTests
{
    [Fact]
    public async Task Payloads_over_the_cap_fail_clearly_naming_the_setting()
    {
        var big = new string('x', 2000);
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Caller", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Bloat");
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorType + ": " + ex.FailureDetails.ErrorMessage;
                }
            })
            .AddActivity<object?, string>("Bloat", (_, _) => Task.FromResult(big)),
            o => o.MaxPayloadBytes = 1024);

        var start = await Assert.ThrowsAsync<PayloadTooLargeException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Caller", big));
        Assert.Contains("Qlrf:Durable:MaxPayloadBytes", start.Message, StringComparison.Ordinal);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Caller");
        await Assert.ThrowsAsync<PayloadTooLargeException>(() => host.Client.RaiseEventAsync(id, "any", big));
        var state = await host.WaitAsync(id);

        Assert.StartsWith(typeof(PayloadTooLargeException).FullName + ": The result of activity 'Bloat' is 2002 bytes", state.ReadOutputAs<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_orchestration_that_schedules_more_than_the_maximum_actions_fails_even_if_it_catches()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Greedy", async (ctx, _) =>
            {
                for (var i = 0; i < 10; i++)
                {
                    try
                    {
                        await ctx.CreateTimer(ctx.CurrentUtcDateTime, CancellationToken.None);
                    }
                    catch (MaxActionsExceededException)
                    {
                    }
                }

                return "escaped";
            }),
            o => o.MaxActions = 5);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Greedy");

        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.True(state.FailureDetails!.IsCausedBy<MaxActionsExceededException>());
        Assert.Contains("Qlrf:Durable:MaxActions", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_status_over_16_KB_is_refused_and_up_to_16_KB_is_kept()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Chatty", (ctx, _) =>
            {
                var refused = "kept";
                try
                {
                    ctx.SetCustomStatus(new string('x', 17_000));
                }
                catch (ArgumentException ex)
                {
                    refused = ex.Message;
                }

                ctx.SetCustomStatus(new string('y', 16_000));
                return Task.FromResult(refused);
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chatty");

        var state = await host.WaitAsync(id);

        Assert.StartsWith("The custom status is 17002 bytes of JSON; at most 16384 are allowed.", state.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Equal(16_000, state.ReadCustomStatusAs<string>()!.Length);
    }
}
