using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Errors;

namespace Qlrf.Discovery;

/// <summary>
/// Starts sweeps: at most one at a time per source (a second start is a conflict), each recorded as a
/// run before it begins. The store's record of running sweeps is the one guard, so a source can sweep
/// again as soon as its run is recorded as finished. Sweeps started here run in the background until
/// done or the host stops.
/// </summary>
public sealed class SweepCoordinator(
    AssetSourceRegistry sources,
    DiscoverySweeper sweeper,
    IDiscoveryStore store,
    TimeProvider time,
    ILogger<SweepCoordinator> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Task<SweepRun>> running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Task<SweepRun>> bySource = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SweepTrigger> followUps = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Records a run and starts the sweep in the background. Throws <see cref="ConflictException"/> if the source is sweeping.</summary>
    public async Task<SweepRun> StartAsync(string organisation, string sourceName, SweepTrigger trigger, CancellationToken cancellationToken) =>
        (await StartCoreAsync(organisation, sourceName, trigger, cancellationToken)).Run;

    private async Task<(SweepRun Run, Task<SweepRun> Completion)> StartCoreAsync(string organisation, string sourceName, SweepTrigger trigger, CancellationToken cancellationToken)
    {
        var (definition, source) = sources.Get(organisation, sourceName);
        var run = new SweepRun
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()).ToString(),
            Organisation = definition.Organisation,
            Source = definition.Name,
            Trigger = trigger,
            StartedAt = time.GetUtcNow(),
        };
        await store.StartRunAsync(run, cancellationToken);
        var completion = Task.Run(() => sweeper.SweepAsync(source, run, definition.Timeout, stopping.Token), CancellationToken.None);
        running[run.Id] = completion;
        var key = Key(organisation, sourceName);
        bySource[key] = completion;
        _ = completion.ContinueWith(
            _ =>
            {
                running.TryRemove(run.Id, out var _);
                bySource.TryRemove(KeyValuePair.Create(key, completion));
                StartFollowUp(organisation, sourceName);
            },
            CancellationToken.None,
            TaskContinuationOptions.None,
            TaskScheduler.Default);
        return (run, completion);
    }

    /// <summary>
    /// Starts a sweep now or, when this host is already sweeping the source (whose sweep may have read its
    /// assets before the caller's change), once more as soon as that sweep ends; requests made meanwhile
    /// share that one follow-up. Returns true if a sweep started now. Throws <see cref="ConflictException"/>
    /// only when another host is sweeping the source, so nothing here can follow it.
    /// </summary>
    public async Task<bool> RequestAsync(string organisation, string sourceName, SweepTrigger trigger, CancellationToken cancellationToken)
    {
        try
        {
            await StartCoreAsync(organisation, sourceName, trigger, cancellationToken);
            return true;
        }
        catch (ConflictException) when (bySource.TryGetValue(Key(organisation, sourceName), out var current))
        {
            followUps[Key(organisation, sourceName)] = trigger;
            DiscoveryLogs.FollowUpQueued(logger, sourceName);
            if (current.IsCompleted)
            {
                // It ended between the conflict and the request: its continuation may have looked already.
                StartFollowUp(organisation, sourceName);
            }

            return false;
        }
    }

    private void StartFollowUp(string organisation, string sourceName)
    {
        if (stopping.IsCancellationRequested || !followUps.TryRemove(Key(organisation, sourceName), out var trigger))
        {
            return;
        }

        _ = Task.Run(
            async () =>
            {
                try
                {
                    await StartCoreAsync(organisation, sourceName, trigger, stopping.Token);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                }
                catch (Exception ex) when (ex is ConflictException or NotFoundException or InvalidOperationException or ObjectDisposedException)
                {
                    DiscoveryLogs.FollowUpNotStarted(logger, sourceName, ex.Message);
                }
            },
            CancellationToken.None);
    }

    private static string Key(string organisation, string sourceName) => organisation + "/" + sourceName;

    /// <summary>Runs a sweep to its end (a timer's sweep). A source already sweeping is skipped, and null returned.</summary>
    public async Task<SweepRun?> RunAsync(string organisation, string sourceName, SweepTrigger trigger, CancellationToken cancellationToken)
    {
        Task<SweepRun> completion;
        try
        {
            (_, completion) = await StartCoreAsync(organisation, sourceName, trigger, cancellationToken);
        }
        catch (ConflictException)
        {
            DiscoveryLogs.SweepSkipped(logger, sourceName);
            return null;
        }

        return await completion.WaitAsync(cancellationToken);
    }

    /// <summary>Marks runs a stopped host left running as failed. Call at start-up, before any sweep.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var count = await store.FailInterruptedRunsAsync("The host stopped before the sweep finished.", time.GetUtcNow(), cancellationToken);
        if (count > 0)
        {
            DiscoveryLogs.InterruptedSweeps(logger, count);
        }
    }

    /// <summary>Stops running sweeps (each is recorded as failed) and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        foreach (var sweep in running.Values)
        {
            // Each sweep records its own outcome, failures included; only wait for it here.
            await ((Task)sweep).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        stopping.Dispose();
    }
}
