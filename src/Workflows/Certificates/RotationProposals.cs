using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Certificates.Sweeps;
using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Certificates;

/// <summary>
/// The sweep step that proposes rotations: every certificate of a store with an issuer that expires within
/// <see cref="RotationOptions.ProposeWithinDays"/> gets one rotation per version (idempotency key
/// <c>proposal:{certificateId}:{thumbprint}</c>), requested by <see cref="Requester"/>. The rotation plans, then awaits
/// approval by the rollout rules; it runs unattended only when every environment it touches is in
/// <see cref="RotationOptions.UnattendedEnvironments"/> (the orchestrator's plan decides, as for a requested one). A
/// certificate already being rotated gets no proposal; a declined proposal is not made again for the same version.
/// </summary>
public sealed class RotationProposals(
    ICertificateStore store,
    IEnumerable<ICertificateIssuer> issuers,
    OrchestrationTenancy orchestrations,
    IOptions<CertificatesOptions> options,
    ILogger<RotationProposals> logger) : ICertificateSweepStep
{
    /// <summary>Who proposed rotations are requested by.</summary>
    public const string Requester = "qlrf:rotation-proposals";

    public async Task AfterSweepAsync(string organisation, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rotation = options.Value.Rotation;
        var kinds = issuers.Select(i => i.StoreKind).ToHashSet(StringComparer.Ordinal);
        foreach (var certificate in await store.ListAllAsync(organisation, cancellationToken))
        {
            if (!Due(certificate, now, rotation.ProposeWithinDays, kinds))
            {
                continue;
            }

            var key = Key(certificate);
            var existing = await store.ListRotationsAsync(organisation, certificate.Id, cancellationToken);
            if (existing.Any(r => !r.IsTerminal && r.IdempotencyKey != key) || existing.Any(r => r.IdempotencyKey == key && r.IsTerminal))
            {
                continue;
            }

            var (proposal, created) = await store.CreateRotationAsync(
                new CertificateRotation
                {
                    Id = "rot-" + Guid.NewGuid().ToString("N")[..12],
                    Organisation = organisation,
                    CertificateId = certificate.Id,
                    RequestedBy = Requester,
                    IdempotencyKey = key,
                    Reason = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"expires {certificate.NotAfter:u}, within {rotation.ProposeWithinDays} days"),
                    CreatedAt = now,
                    PreviousThumbprint = certificate.Thumbprint,
                },
                cancellationToken);
            var instances = orchestrations.For(organisation);
            if (!created && await instances.GetAsync(proposal.Id, cancellationToken: cancellationToken) is not null)
            {
                continue;
            }

            try
            {
                await instances.ScheduleAsync(nameof(CertificateRotationOrchestrator), new RotationInput(organisation, proposal.Id, rotation.ApprovalTimeout), proposal.Id, cancellationToken);
                CertificateProposalLogs.Proposed(logger, certificate.Id, proposal.Id, certificate.NotAfter);
            }
            catch (ConflictException)
            {
                // Scheduled meanwhile.
            }
        }
    }

    /// <summary>The idempotency key of the proposal for a certificate's version.</summary>
    public static string Key(Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return $"proposal:{certificate.Id}:{certificate.Thumbprint}";
    }

    /// <summary>Whether a certificate is due a proposal: enabled, of a store an issuer serves, expiring within the window.</summary>
    public static bool Due(Certificate certificate, DateTimeOffset now, int withinDays, IReadOnlySet<string> issuerKinds)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(issuerKinds);
        return withinDays > 0 && certificate.Enabled && certificate.StoreKind != CertificateStoreKinds.TlsEndpoint
            && issuerKinds.Contains(certificate.StoreKind) && certificate.NotAfter <= now.AddDays(withinDays);
    }
}

/// <summary>Log messages of rotation proposals. Event id 1606.</summary>
internal static partial class CertificateProposalLogs
{
    [LoggerMessage(EventId = 1606, Level = LogLevel.Information, Message = "Proposed rotation {RotationId} of certificate {CertificateId}, which expires {NotAfter}")]
    public static partial void Proposed(ILogger logger, string certificateId, string rotationId, DateTimeOffset notAfter);
}
