using Qlrf.Orchestration;

namespace Qlrf.Bench.Durable;

/// <summary>The orchestrations the benchmark runs.</summary>
internal static class Workflows
{
    /// <summary>Five activities, one after another.</summary>
    public static async Task<int> FiveActivitiesAsync(IOrchestrationContext context, int input)
    {
        var value = input;
        for (var i = 0; i < 5; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(Increment), value);
        }

        return value;
    }

    /// <summary>Waits for one external event, then completes.</summary>
    public static async Task<int> AwaitEventAsync(IOrchestrationContext context, int input) =>
        input + await context.WaitForExternalEvent<int>(nameof(Go));

    /// <summary>Calls <paramref name="count"/> activities at once and joins them.</summary>
    public static async Task<long> FanOutAsync(IOrchestrationContext context, int count)
    {
        var tasks = new Task<int>[count];
        for (var i = 0; i < count; i++)
        {
            tasks[i] = context.CallActivityAsync<int>(nameof(Increment), i);
        }

        var results = await Task.WhenAll(tasks);
        return results.Sum(r => (long)r);
    }

    public static Task<int> Increment(ActivityContext context, int value) => Task.FromResult(value + 1);

    /// <summary>The event's name.</summary>
    public const string Go = nameof(Go);

    public static void Register(OrchestrationRegistry registry) => registry
        .AddOrchestrator<int, int>(nameof(FiveActivitiesAsync), FiveActivitiesAsync)
        .AddOrchestrator<int, int>(nameof(AwaitEventAsync), AwaitEventAsync)
        .AddOrchestrator<int, long>(nameof(FanOutAsync), FanOutAsync)
        .AddActivity<int, int>(nameof(Increment), Increment);
}
