using Qlrf.Orchestration;

namespace Qlrf.Durable.TestHost;

/// <summary>
/// The workflow the process test runs: activities in sequence, a durable timer, and a sub-orchestration that fans
/// out. Every activity run that finishes appends "instance:step" to the run log, so the test can check each ran at
/// least once. Given <paramref name="stallAfter"/>, runs after that many wait until the process is killed.
/// </summary>
internal sealed class SampleWorkflow(string runLog, int? stallAfter)
{
    private readonly Lock gate = new();
    private int runs;

    public void Register(OrchestrationRegistry registry) => registry
        .AddOrchestrator<int, string>(nameof(Pipeline), Pipeline)
        .AddOrchestrator<int, int>(nameof(Fan), Fan)
        .AddActivity<string, string>(nameof(Work), Work);

    public static async Task<string> Pipeline(IOrchestrationContext context, int size)
    {
        var first = await context.CallActivityAsync<string>(nameof(Work), $"{context.InstanceId}:first");
        await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(50), CancellationToken.None);
        var second = await context.CallActivityAsync<string>(nameof(Work), $"{context.InstanceId}:second");
        var fanned = await context.CallSubOrchestratorAsync<int>(nameof(Fan), size, new SubOrchestrationOptions($"{context.InstanceId}-fan"));
        var third = await context.CallActivityAsync<string>(nameof(Work), $"{context.InstanceId}:third");
        return $"{first}+{second}+{fanned}+{third}";
    }

    public static async Task<int> Fan(IOrchestrationContext context, int size)
    {
        var results = await Task.WhenAll(Enumerable.Range(0, size).Select(i => context.CallActivityAsync<string>(nameof(Work), $"{context.InstanceId}:{i}")));
        return results.Length;
    }

    public async Task<string> Work(ActivityContext context, string key)
    {
        if (Interlocked.Increment(ref runs) > stallAfter)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        lock (gate)
        {
            File.AppendAllText(runLog, key + Environment.NewLine);
        }

        return key[(key.LastIndexOf(':') + 1)..];
    }
}
