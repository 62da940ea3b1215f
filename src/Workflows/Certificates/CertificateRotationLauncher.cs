using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Certificates;

/// <summary>A certificate a rotation would replace, and the environments it would change (its usages' and its own).</summary>
public sealed record RotationTarget(Certificate Certificate, IReadOnlyList<string> Environments);

/// <summary>
/// Starts certificate rotations, for the API and the AI copilot alike: checks the certificate can be rotated (a store's,
/// not what an endpoint serves; no other rotation of it running), stores the rotation under a new id (the same
/// idempotency key returns the same one) and starts its orchestration unless it exists. The rotation then plans and
/// waits for its own approval. The caller checks <c>rotate:certificates</c> in <see cref="RotationTarget.Environments"/>.
/// </summary>
public sealed class CertificateRotationLauncher(ICertificateStore store, OrchestrationTenancy orchestrations, IOptions<CertificatesOptions> options, TimeProvider time)
{
    /// <summary>The certificate and the environments a rotation of it changes; 404 when there is none, 409 when it cannot be rotated.</summary>
    public async Task<RotationTarget> TargetAsync(string organisation, string certificateId, CancellationToken cancellationToken)
    {
        var certificate = await store.GetAsync(organisation, certificateId, cancellationToken) ?? throw new NotFoundException($"There is no certificate '{certificateId}'.");
        if (certificate.StoreKind == CertificateStoreKinds.TlsEndpoint)
        {
            throw new ConflictException($"Certificate {certificateId} is what an endpoint serves, not a store's; rotate the store's certificate it was issued from.");
        }

        var usages = await store.ListUsagesAsync(organisation, certificate.Id, cancellationToken);
        return new RotationTarget(certificate, usages.Select(u => u.Environment).Append(certificate.Environment).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The rotation of the certificate still running, if any.</summary>
    public async Task<CertificateRotation?> LiveAsync(string organisation, string certificateId, CancellationToken cancellationToken) =>
        (await store.ListRotationsAsync(organisation, certificateId, cancellationToken)).FirstOrDefault(r => !r.IsTerminal);

    /// <summary>Creates (or, for a known idempotency key, finds) the rotation and makes sure it runs.</summary>
    public async Task<CertificateRotation> StartAsync(RotationTarget target, string requestedBy, string? reason, int? validityDays, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (validityDays is { } days && days is < 1 or > 825)
        {
            throw new RequestValidationException("validityDays", "must be from 1 to 825.");
        }

        if (reason is { Length: > 1000 })
        {
            throw new RequestValidationException("reason", "must be at most 1000 characters.");
        }

        var certificate = target.Certificate;
        var live = await LiveAsync(certificate.Organisation, certificate.Id, cancellationToken);
        if (live is not null && (idempotencyKey is null || live.IdempotencyKey != idempotencyKey))
        {
            throw new ConflictException($"Certificate {certificate.Id} is already being rotated ({live.Id}, {EnumText<RotationStatus>.Of(live.Status)}).");
        }

        var (rotation, created) = await store.CreateRotationAsync(new CertificateRotation
        {
            Id = "rot-" + Guid.NewGuid().ToString("N")[..12],
            Organisation = certificate.Organisation,
            CertificateId = certificate.Id,
            RequestedBy = requestedBy,
            IdempotencyKey = idempotencyKey,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            ValidityDays = validityDays,
            CreatedAt = time.GetUtcNow(),
            PreviousThumbprint = certificate.Thumbprint,
        }, cancellationToken);
        var instances = orchestrations.For(certificate.Organisation);
        if (created || await instances.GetAsync(rotation.Id, cancellationToken: cancellationToken) is null)
        {
            try
            {
                await instances.ScheduleAsync(nameof(CertificateRotationOrchestrator), new RotationInput(rotation.Organisation, rotation.Id, options.Value.Rotation.ApprovalTimeout), rotation.Id, cancellationToken);
            }
            catch (ConflictException)
            {
                // Started meanwhile by the same request retried.
            }
        }

        return rotation;
    }
}
