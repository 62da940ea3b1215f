using Microsoft.Extensions.Logging;
using Qlrf.Discovery;

namespace Qlrf.Connectors;

/// <summary>One scope of a source (a region of an account, a subscription, a project, a vCenter, a cluster).</summary>
/// <param name="Key">Names the scope in sweep errors, e.g. <c>aws-prod/123456789012/eu-west-1</c>.</param>
/// <param name="Description">Says what the scope is, e.g. <c>region eu-west-1 of account 123456789012</c>.</param>
public sealed record SweepScope(string Key, string Description);

/// <summary>
/// Reads the scopes of a source, several at a time. A scope that fails is reported to the sink, naming the
/// source and the scope, which makes the sweep partial; the other scopes go on. When every scope fails
/// nothing trustworthy was read and the sweep fails.
/// </summary>
public static class ScopeSweep
{
    public static async Task RunAsync<TScope>(
        string source,
        IReadOnlyList<TScope> scopes,
        int parallelism,
        ISweepSink sink,
        ILogger logger,
        string connector,
        Func<TScope, SweepScope> describe,
        Func<TScope, ISweepSink, CancellationToken, Task> readScope,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        ArgumentNullException.ThrowIfNull(describe);
        ArgumentNullException.ThrowIfNull(readScope);
        var shared = new SynchronizedSink(sink);
        var failures = 0;
        string? firstFailure = null;
        var gate = new Lock();
        await Parallel.ForEachAsync(
            scopes,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken },
            async (scope, token) =>
            {
                var described = describe(scope);
                try
                {
                    await readScope(scope, shared, token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !token.IsCancellationRequested)
                {
                    var message = $"Source '{source}', {described.Description}: {ex.Message}";
                    ConnectorLogs.ScopeFailed(logger, source, described.Key, ex.Message);
                    ConnectorTelemetry.ScopeFailures.Add(1, new KeyValuePair<string, object?>("connector", connector));
                    shared.ReportScopeFailure(described.Key, message);
                    lock (gate)
                    {
                        failures++;
                        firstFailure ??= message;
                    }
                }
            });

        if (scopes.Count > 0 && failures == scopes.Count)
        {
            throw new ConnectorException(scopes.Count == 1
                ? firstFailure!
                : $"Every one of the {scopes.Count} scopes of source '{source}' failed; the first: {firstFailure}");
        }
    }
}
