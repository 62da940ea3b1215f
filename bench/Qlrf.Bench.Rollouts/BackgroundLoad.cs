using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Orchestration;

namespace Qlrf.Bench.Rollouts;

/// <summary>
/// Background work for the latency runs: <c>perSecond</c> small orchestrations started each second (each calls one
/// activity and ends), on the same embedded runtime as the rollouts, for as long as it runs.
/// </summary>
internal sealed class BackgroundLoad : IAsyncDisposable
{
    public const string Orchestrator = "BenchBackground";
    public const string Activity = "BenchBackgroundStep";

    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private long started;
    private long failed;

    public BackgroundLoad(IOrchestrationClient client, int perSecond)
    {
        loop = perSecond > 0 ? Task.Run(() => RunAsync(client, perSecond, stop.Token)) : Task.CompletedTask;
    }

    public long Started => Interlocked.Read(ref started);

    public long Failed => Interlocked.Read(ref failed);

    /// <summary>The bench's background orchestrator and its activity.</summary>
    public static void Register(IServiceCollection services) =>
        services.AddOrchestrationTasks(r => r
            .AddOrchestrator<int, int>(Orchestrator, async (context, n) => await context.CallActivityAsync<int>(Activity, n))
            .AddActivity<int, int>(Activity, (_, n) => Task.FromResult(n + 1)));

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }

    private async Task RunAsync(IOrchestrationClient client, int perSecond, CancellationToken cancellationToken)
    {
        var begun = Stopwatch.GetTimestamp();
        var tick = Stopwatch.Frequency / (double)perSecond;
        for (long i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            var due = begun + (long)(i * tick);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            _ = StartAsync(client, (int)i);
        }
    }

    private async Task StartAsync(IOrchestrationClient client, int n)
    {
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(Orchestrator, n, new StartOrchestrationOptions($"bench-background-{n}"));
            Interlocked.Increment(ref started);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref failed);
        }
    }
}
