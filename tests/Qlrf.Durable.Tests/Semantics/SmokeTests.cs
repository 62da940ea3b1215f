using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Semantics;

public sealed class SmokeTests
{
    [Fact]
    public async Task A_sequence_of_activities_completes_with_their_results()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<int, int>("Chain", async (ctx, n) =>
            {
                var total = n;
                for (var i = 0; i < 5; i++)
                {
                    total = await ctx.CallActivityAsync<int>("Add", total);
                }

                return total;
            })
            .AddActivity<int, int>("Add", (_, x) => Task.FromResult(x + 1)));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Chain", 10);
        var state = await host.WaitAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
        Assert.Equal(15, state.ReadOutputAs<int>());
        Assert.Empty(host.Logs.Errors);
    }
}
