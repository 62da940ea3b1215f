using Microsoft.Extensions.Logging;

namespace Qlrf.Secrets;

/// <summary>Sweeps one secret source (metadata only) into its organisation's inventory; logs counts, never a value.</summary>
public sealed class SecretSweeper(SecretSourceRegistry sources, ISecretStore store, TimeProvider time, ILogger<SecretSweeper> logger)
{
    /// <summary>Sweeps the named source now; returns the changes it recorded.</summary>
    public async Task<IReadOnlyList<SecretChange>> SweepAsync(string organisation, string sourceName, CancellationToken cancellationToken)
    {
        var source = sources.Get(organisation, sourceName);
        SecretSweepResult result;
        try
        {
            result = await source.SweepAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            SecretsLogs.SweepFailed(logger, source.Name, ex);
            throw;
        }

        var changes = await store.ApplySweepAsync(organisation, source.Name, result, time.GetUtcNow(), cancellationToken);
        SecretsLogs.Swept(logger, source.Name, result.Secrets.Count, changes.Count);
        return changes;
    }
}
