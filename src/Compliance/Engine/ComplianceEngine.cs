using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Compliance.Checks;
using Qlrf.Compliance.Frameworks;

namespace Qlrf.Compliance.Engine;

/// <summary>
/// The compliance engine: keeps each check instance's object results in the store (evaluated in full on first use,
/// again when a clock-dependent one is older than <see cref="ComplianceOptions.RefreshInterval"/>, and every day),
/// and scores frameworks from them. Changes re-evaluate only what they touch (see the partial files).
/// </summary>
public sealed partial class ComplianceEngine(
    FrameworkCatalogue catalogue,
    IEnumerable<IComplianceCheck> checks,
    IComplianceStore store,
    IOptions<ComplianceOptions> options,
    TimeProvider time,
    ILogger<ComplianceEngine> logger) : IComplianceEvaluator
{
    private readonly Dictionary<string, IComplianceCheck> byId = checks.ToDictionary(c => c.Id, StringComparer.Ordinal);
    private readonly HashSet<string> production = new(options.Value.ProductionEnvironments, StringComparer.Ordinal);

    /// <summary>
    /// One writer per organisation in this process: a full evaluation and a change's re-evaluation never interleave, so
    /// a full evaluation that read an asset before its change cannot overwrite the change's newer result.
    /// </summary>
    private readonly ConcurrentDictionary<string, SemaphoreSlim> writers = new(StringComparer.Ordinal);

    public FrameworkCatalogue Catalogue => catalogue;

    public IReadOnlyList<FrameworkRef> Frameworks => catalogue.Frameworks.Select(f => f.Ref).ToList();

    public IComplianceCheck Check(string id) => byId[id];

    public async Task<FrameworkResult> EvaluateAsync(string organisation, string frameworkId, IReadOnlyList<string> environments, CancellationToken cancellationToken)
    {
        var framework = catalogue.Get(frameworkId);
        var results = await CurrentAsync(organisation, framework.Instances, cancellationToken);
        return Score(framework, results, environments);
    }

    /// <summary>Every framework, scored from one read of the store.</summary>
    public async Task<IReadOnlyList<FrameworkResult>> EvaluateAllAsync(string organisation, IReadOnlyList<string> environments, CancellationToken cancellationToken)
    {
        var results = await CurrentAsync(organisation, catalogue.Instances, cancellationToken);
        return catalogue.Frameworks.Select(f => Score(f, results, environments)).ToList();
    }

    /// <summary>Re-evaluates every check instance of the organisation in full.</summary>
    public async Task RefreshAsync(string organisation, CancellationToken cancellationToken)
    {
        foreach (var use in catalogue.Instances)
        {
            using (await WriterAsync(organisation, cancellationToken))
            {
                await EvaluateInstanceAsync(organisation, use, cancellationToken);
            }
        }
    }

    private FrameworkResult Score(Framework framework, Dictionary<string, IReadOnlyList<CheckObjectResult>> results, IReadOnlyList<string> environments) =>
        ControlScorer.Score(framework, u => results[u.InstanceKey], environments.ToHashSet(StringComparer.Ordinal), id => byId[id].ObjectKind, time.GetUtcNow());

    private async Task<Dictionary<string, IReadOnlyList<CheckObjectResult>>> CurrentAsync(string organisation, IEnumerable<CheckUse> uses, CancellationToken cancellationToken)
    {
        var results = new Dictionary<string, IReadOnlyList<CheckObjectResult>>(StringComparer.Ordinal);
        var now = time.GetUtcNow();
        foreach (var use in uses)
        {
            if (await IsStaleAsync(organisation, use, now, cancellationToken))
            {
                using (await WriterAsync(organisation, cancellationToken))
                {
                    if (await IsStaleAsync(organisation, use, now, cancellationToken))
                    {
                        results[use.InstanceKey] = await EvaluateInstanceAsync(organisation, use, cancellationToken);
                        continue;
                    }
                }
            }

            results[use.InstanceKey] = await store.ListAsync(organisation, use.InstanceKey, cancellationToken);
        }

        return results;
    }

    private async Task<bool> IsStaleAsync(string organisation, CheckUse use, DateTimeOffset now, CancellationToken cancellationToken) =>
        await store.GetRunAsync(organisation, use.InstanceKey, cancellationToken) is not { } run
        || (byId[use.CheckId].ClockDependent && now - run.EvaluatedAt >= options.Value.RefreshInterval);

    private async Task<IDisposable> WriterAsync(string organisation, CancellationToken cancellationToken)
    {
        var gate = writers.GetOrAdd(organisation, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }

    private async Task<IReadOnlyList<CheckObjectResult>> EvaluateInstanceAsync(string organisation, CheckUse use, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = time.GetUtcNow();
        var results = await byId[use.CheckId].EvaluateAsync(Context(organisation, use, now), cancellationToken);
        await store.ReplaceAsync(organisation, use.InstanceKey, now, results, cancellationToken);
        var elapsed = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        ComplianceLogs.Evaluated(logger, use.InstanceKey, organisation, results.Count, elapsed);
        return results;
    }

    private CheckContext Context(string organisation, CheckUse use, DateTimeOffset now) =>
        new(organisation, new CheckParameters(use.Parameters), now, production);
}
