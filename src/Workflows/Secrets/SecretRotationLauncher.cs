using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Secrets;

namespace Qlrf.Workflows.Secrets;

/// <summary>A secret a rotation would change, and the environments it would touch (its workloads' and its own).</summary>
public sealed record SecretRotationTarget(Secret Secret, IReadOnlyList<string> Environments);

/// <summary>
/// Starts secret rotations: no other rotation of the secret running, stored under a new id (the same idempotency key
/// returns the same one), its orchestration started unless it exists. The caller checks <c>rotate:secrets</c> in
/// <see cref="SecretRotationTarget.Environments"/>.
/// </summary>
public sealed class SecretRotationLauncher(ISecretStore store, OrchestrationTenancy orchestrations, IOptions<SecretsOptions> options, TimeProvider time)
{
    public async Task<SecretRotationTarget> TargetAsync(string organisation, string secretId, CancellationToken cancellationToken)
    {
        var secret = await store.GetAsync(organisation, secretId, cancellationToken) ?? throw new NotFoundException($"There is no secret '{secretId}'.");
        return new SecretRotationTarget(secret, [secret.Environment]);
    }

    public async Task<SecretRotation> StartAsync(SecretRotationTarget target, string requestedBy, string? reason, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (reason is { Length: > 1000 })
        {
            throw new RequestValidationException("reason", "must be at most 1000 characters.");
        }

        var secret = target.Secret;
        var live = (await store.ListRotationsAsync(secret.Organisation, secret.Id, cancellationToken)).FirstOrDefault(r => !r.IsTerminal);
        if (live is not null && (idempotencyKey is null || live.IdempotencyKey != idempotencyKey))
        {
            throw new ConflictException($"Secret {secret.Id} is already being rotated ({live.Id}, {EnumText<RotationStatus>.Of(live.Status)}).");
        }

        var (rotation, created) = await store.CreateRotationAsync(new SecretRotation
        {
            Id = "srot-" + Guid.NewGuid().ToString("N")[..12],
            Organisation = secret.Organisation,
            SecretId = secret.Id,
            RequestedBy = requestedBy,
            IdempotencyKey = idempotencyKey,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            CreatedAt = time.GetUtcNow(),
            PreviousVersion = secret.Version,
        }, cancellationToken);
        var instances = orchestrations.For(secret.Organisation);
        if (created || await instances.GetAsync(rotation.Id, cancellationToken: cancellationToken) is null)
        {
            try
            {
                await instances.ScheduleAsync(nameof(SecretRotationOrchestrator), new SecretRotationInput(rotation.Organisation, rotation.Id, options.Value.Rotation.ApprovalTimeout), rotation.Id, cancellationToken);
            }
            catch (ConflictException)
            {
                // Started meanwhile by the same request retried.
            }
        }

        return rotation;
    }
}
