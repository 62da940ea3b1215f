using Qlrf.Orchestration;

namespace Qlrf.Workflows.Control;

/// <summary>
/// Runs a probe that answers why something is not yet right (null when it is) up to the policy's attempts, waiting the
/// policy's first interval on a durable timer between them: a check right after a reload or restart may race it.
/// </summary>
internal static class RetriedProbe
{
    /// <summary>Null once a probe passes; otherwise the last attempt's problem.</summary>
    public static async Task<string?> UntilPassingAsync(IOrchestrationContext context, RetryPolicy policy, Func<Task<string?>> probe)
    {
        string? problem = null;
        for (var attempt = 0; attempt < policy.MaxNumberOfAttempts; attempt++)
        {
            problem = await probe();
            if (problem is null)
            {
                return null;
            }

            if (attempt + 1 < policy.MaxNumberOfAttempts)
            {
                await context.CreateTimer(policy.FirstRetryInterval, CancellationToken.None);
            }
        }

        return problem;
    }
}
