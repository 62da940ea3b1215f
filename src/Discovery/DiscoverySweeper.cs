using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Discovery;

/// <summary>
/// Runs one sweep: streams what the source finds through a <see cref="SweepDiffer"/> against the source's
/// snapshot, then commits the run, sites, snapshot and change events in one transaction. A source that
/// throws fails the sweep and writes nothing but the run; a scope failure makes it partial, and a partial
/// sweep removes nothing.
/// </summary>
public sealed class DiscoverySweeper(IDiscoveryStore store, TimeProvider time, ILogger<DiscoverySweeper> logger)
{
    public async Task<SweepRun> SweepAsync(IAssetSource source, SweepRun run, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(run);
        using var activity = DiscoveryTelemetry.ActivitySource.StartActivity("discovery.sweep");
        activity?.SetTag("qlrf.source", run.Source);
        activity?.SetTag("qlrf.sweep.id", run.Id);
        var started = time.GetTimestamp();
        DiscoveryLogs.SweepStarted(logger, run.Id, run.Source, run.Trigger);

        SweepRun finished;
        try
        {
            using var deadline = new CancellationTokenSource(timeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
            finished = await DiscoverAndCommitAsync(source, run, timeout, deadline.Token, linked.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            finished = await FailAsync(run, Describe(source, ex));
        }
        catch (OperationCanceledException)
        {
            finished = await FailAsync(run, new SweepError(run.Source, "The host stopped before the sweep finished."));
        }

        var elapsed = time.GetElapsedTime(started);
        DiscoveryTelemetry.Sweeps.Add(1, new("source", run.Source), new("status", EnumText<SweepStatus>.Of(finished.Status)));
        DiscoveryTelemetry.SweepDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("source", run.Source));
        activity?.SetTag("qlrf.sweep.status", EnumText<SweepStatus>.Of(finished.Status));
        var c = finished.Counts;
        DiscoveryLogs.SweepFinished(logger, run.Id, run.Source, finished.Status, c.Discovered, c.Added, c.Updated, c.Removed, (long)elapsed.TotalMilliseconds);
        return finished;
    }

    private async Task<SweepRun> DiscoverAndCommitAsync(IAssetSource source, SweepRun run, TimeSpan timeout, CancellationToken deadline, CancellationToken token)
    {
        var snapshot = await store.LoadSnapshotAsync(run.Organisation, run.Source, token);
        var sink = new Sink(new SweepDiffer(snapshot));
        try
        {
            await source.DiscoverAsync(sink, token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The sweep did not finish within its timeout of {timeout}.");
        }

        var diff = sink.Differ.Complete(complete: sink.Failures.Count == 0);
        var previous = await store.LoadSnapshotAssetsAsync(run.Organisation, run.Source, diff.Updated.Select(u => u.Asset.Id).ToList(), token);
        var finished = run with
        {
            FinishedAt = time.GetUtcNow(),
            Status = sink.Failures.Count == 0 ? SweepStatus.Succeeded : SweepStatus.Partial,
            Errors = sink.Failures,
        };
        var commit = SweepCommitBuilder.Build(finished, sink.Sites, diff, previous, () => Guid.CreateVersion7(time.GetUtcNow()));
        await store.CommitSweepAsync(commit, token);
        foreach (var failure in sink.Failures)
        {
            DiscoveryLogs.SweepPartial(logger, run.Id, run.Source, failure.Scope, failure.Message);
        }

        DiscoveryTelemetry.ChangesFound.Add(commit.Run.Counts.Added, new KeyValuePair<string, object?>("kind", "added"));
        DiscoveryTelemetry.ChangesFound.Add(commit.Run.Counts.Updated, new KeyValuePair<string, object?>("kind", "updated"));
        DiscoveryTelemetry.ChangesFound.Add(commit.Run.Counts.Removed, new KeyValuePair<string, object?>("kind", "removed"));
        return commit.Run;
    }

    private async Task<SweepRun> FailAsync(SweepRun run, SweepError error)
    {
        DiscoveryLogs.SweepFailed(logger, run.Id, run.Source, error.Scope, error.Message);
        var failed = run with { FinishedAt = time.GetUtcNow(), Status = SweepStatus.Failed, Errors = [error], Counts = SweepCounts.None };
        await store.FinishRunAsync(failed, CancellationToken.None);
        return failed;
    }

    private static SweepError Describe(IAssetSource source, Exception ex) => ex switch
    {
        IScopedException scoped => new SweepError(scoped.Scope, scoped.Detail),
        _ => new SweepError(source.Name, ex.Message),
    };

    private sealed class Sink(SweepDiffer differ) : ISweepSink
    {
        private readonly HashSet<string> siteNames = new(StringComparer.Ordinal);

        public SweepDiffer Differ { get; } = differ;

        public List<Site> Sites { get; } = [];

        public List<SweepError> Failures { get; } = [];

        public void AddSite(Site site)
        {
            ArgumentNullException.ThrowIfNull(site);
            if (siteNames.Add(site.Name))
            {
                Sites.Add(site);
            }
        }

        public void AddAsset(Asset asset)
        {
            try
            {
                Differ.Observe(asset);
            }
            catch (ArgumentException ex)
            {
                // One unreadable asset must not remove the rest of the fleet: skip it and mark the sweep partial.
                Failures.Add(new SweepError("asset", ex.Message));
            }
        }

        public void ReportScopeFailure(string scope, string message) => Failures.Add(new SweepError(scope, message));
    }
}
