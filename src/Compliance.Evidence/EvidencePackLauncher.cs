using Microsoft.Extensions.DependencyInjection;
using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Compliance.Evidence;

/// <summary>
/// Starts evidence packs: checks the request (400 naming the field) and the framework (404 when the compliance engine
/// does not know it), stores the pack's record under a new id (the same idempotency key returns the same pack) and
/// starts its orchestration unless it exists.
/// </summary>
public sealed class EvidencePackLauncher(IEvidencePackStore store, OrchestrationTenancy orchestrations, IServiceProvider services, TimeProvider time)
{
    public async Task<EvidencePack> StartAsync(string organisation, EvidencePackRequest request, string requestedBy, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var evaluator = EvidencePackSteps.Evaluator(services);
        if (!evaluator.Frameworks.Any(f => f.Id == request.Framework))
        {
            throw new NotFoundException($"There is no framework '{request.Framework}'; the frameworks are {string.Join(", ", evaluator.Frameworks.Select(f => f.Id))}.");
        }

        var (pack, created) = await store.CreateAsync(new EvidencePack
        {
            Id = "evp-" + Guid.NewGuid().ToString("N")[..12],
            Organisation = organisation,
            Framework = request.Framework,
            From = request.From,
            To = request.To,
            Environments = request.Environments,
            RequestedBy = requestedBy,
            CreatedAt = time.GetUtcNow(),
            IdempotencyKey = idempotencyKey,
        }, cancellationToken);
        var instances = orchestrations.For(organisation);
        if (created || await instances.GetAsync(pack.Id, cancellationToken: cancellationToken) is null)
        {
            try
            {
                await instances.ScheduleAsync(nameof(EvidencePackOrchestrator), new EvidencePackInput(organisation, pack.Id), pack.Id, cancellationToken);
            }
            catch (ConflictException)
            {
                // Started meanwhile by the same request retried.
            }
        }

        return pack;
    }
}
