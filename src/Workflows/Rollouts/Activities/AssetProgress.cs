using Microsoft.Extensions.Logging;
using Qlrf.Execution;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts.Activities;

/// <summary>
/// Gives each change an activity asks of an executor a place to report progress: the asset's result in the rollout,
/// which the API returns (<c>progress</c>, <c>progressAt</c>). Runs in activities only, never in the orchestrator.
/// </summary>
public sealed class AssetProgress(IRolloutStore store, TimeProvider time, ILogger<AssetProgress> logger)
{
    public IExecutorProgress For(string organisation, string rolloutId, string assetId) => new Recorder(store, time, logger, organisation, rolloutId, assetId);

    /// <summary>Records each report that differs from the one before; a report that cannot be recorded is logged and dropped.</summary>
    private sealed class Recorder(IRolloutStore store, TimeProvider time, ILogger logger, string organisation, string rolloutId, string assetId) : IExecutorProgress
    {
        private string? last;

        public async ValueTask ReportAsync(ExecutorProgress progress, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(progress);
            var text = progress.ToString();
            if (text.Length > 500)
            {
                text = text[..500];
            }

            if (string.Equals(text, last, StringComparison.Ordinal))
            {
                return;
            }

            try
            {
                await store.SaveProgressAsync(organisation, rolloutId, assetId, text, time.GetUtcNow(), cancellationToken);
                last = text;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                RolloutLogs.ProgressNotRecorded(logger, rolloutId, assetId, ex.Message);
            }
        }
    }
}
