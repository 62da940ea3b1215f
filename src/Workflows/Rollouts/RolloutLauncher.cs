using System.Security.Cryptography;
using System.Text;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts;

/// <summary>
/// Creates rollouts and starts their orchestration, for the API and the AI copilot alike: the rollout's record under a
/// new id (<c>ro-{org}-{guid}</c>), an idempotency key making a retried request return the same rollout (and a different
/// request under the same key a conflict), and the orchestration started unless it exists. The rollout then plans,
/// is judged by the policies and waits for its own approval.
/// </summary>
public sealed class RolloutLauncher(IRolloutStore store, OrchestrationTenancy orchestrations, TimeProvider time)
{
    /// <summary>Creates (or, for a known idempotency key, finds) the rollout and makes sure it runs; whether it was created.</summary>
    public async Task<(Rollout Rollout, bool Created)> StartAsync(string organisation, string requestedBy, RolloutRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(QlrfJson.Serialize(request))));
        var now = time.GetUtcNow();
        var (rollout, created) = await store.CreateAsync(new Rollout
        {
            Id = $"ro-{organisation}-{Guid.CreateVersion7(now):N}",
            Organisation = organisation,
            RequestedBy = requestedBy,
            CreatedAt = now,
            UpdatedAt = now,
            Request = request,
            IdempotencyKey = idempotencyKey,
            RequestHash = hash,
        }, cancellationToken);
        if (!created && rollout.RequestHash != hash)
        {
            throw new ConflictException($"The Idempotency-Key '{idempotencyKey}' was used for another request (rollout {rollout.Id}); use a new key for a new rollout.");
        }

        await EnsureStartedAsync(rollout, cancellationToken);
        return (rollout, created);
    }

    /// <summary>Starts the rollout's orchestration unless it exists (a retried request after a crash between storing and starting).</summary>
    private async Task EnsureStartedAsync(Rollout rollout, CancellationToken cancellationToken)
    {
        var instances = orchestrations.For(rollout.Organisation);
        if (await instances.GetAsync(rollout.Id, cancellationToken: cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await instances.ScheduleAsync(nameof(RolloutOrchestrator), new RolloutInput(rollout.Organisation, rollout.Id), rollout.Id, cancellationToken);
        }
        catch (ConflictException)
        {
            // Started meanwhile by the same request retried.
        }
    }
}
