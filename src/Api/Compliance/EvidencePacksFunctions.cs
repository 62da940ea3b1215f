using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Api.Infrastructure;
using Qlrf.Audit;
using Qlrf.Compliance;
using Qlrf.Compliance.Evidence;
using Qlrf.Compliance.EvidencePacks;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Api.Compliance;

/// <summary>
/// Evidence packs: make one (a durable build; the same <c>Idempotency-Key</c> returns the same pack), list them, read
/// one with its progress and files, download its signed ZIP, and verify the stored pack against the host's signing key.
/// </summary>
public sealed class EvidencePacksFunctions(
    IEvidencePackStore store,
    EvidencePackLauncher launcher,
    EvidencePackSigningKey key,
    OrchestrationTenancy orchestrations,
    IAuditLog audit,
    RequestContext request,
    TimeProvider time)
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const int MaxIdempotencyKeyLength = 200;
    public const string ZipType = "application/zip";

    public async Task<Accepted<EvidencePackResource>> CreateEvidencePackAsync(CreateEvidencePackBody? body, HttpRequest http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        var caller = request.RequireCaller();
        var key = http.Headers[IdempotencyHeader].ToString();
        if (key.Length > MaxIdempotencyKeyLength || key.Any(char.IsControl))
        {
            throw new RequestValidationException(IdempotencyHeader, $"must be at most {MaxIdempotencyKeyLength} printable characters.");
        }

        var valid = EvidencePackRequest.Validate(body?.Framework, body?.From, body?.To, body?.Environments, time.GetUtcNow());
        var pack = await launcher.StartAsync(request.Organisation, valid, caller.Actor, key.Length == 0 ? null : key, cancellationToken);
        request.AuditTarget = Routes.PathOf(Routes.EvidencePack, pack.Id);
        request.AuditDetails["framework"] = pack.Framework;
        request.AuditDetails["from"] = pack.From.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        request.AuditDetails["to"] = pack.To.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        request.AuditDetails["environments"] = string.Join(",", pack.Environments);
        return TypedResults.Accepted(Routes.PathOf(Routes.EvidencePack, pack.Id), EvidencePackResource.Of(pack, null, withFiles: false));
    }

    public async Task<Ok<IReadOnlyList<EvidencePackResource>>> ListEvidencePacksAsync(CancellationToken cancellationToken)
    {
        var packs = await store.ListAsync(request.Organisation, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<EvidencePackResource>>([.. packs.Select(p => EvidencePackResource.Of(p, null, withFiles: false))]);
    }

    public async Task<Ok<EvidencePackResource>> GetEvidencePackAsync(string id, CancellationToken cancellationToken)
    {
        var pack = await EvidencePackSteps.FindAsync(store, request.Organisation, id, cancellationToken);
        var instance = await orchestrations.For(request.Organisation).GetAsync(pack.Id, cancellationToken: cancellationToken);
        return TypedResults.Ok(EvidencePackResource.Of(pack, instance is null ? null : EnumText<OrchestrationRuntimeStatus>.Of(instance.RuntimeStatus), withFiles: true));
    }

    public async Task<FileStreamHttpResult> DownloadEvidencePackAsync(string id, CancellationToken cancellationToken)
    {
        var pack = await Stored(id, cancellationToken);
        var content = await store.OpenContentAsync(pack.Organisation, pack.Id, cancellationToken)
            ?? throw new ConflictException($"Evidence pack {id} has no stored content.");
        // Reads are not audited by the API's middleware; handing over evidence is, here.
        await audit.AppendAsync(new AuditEvent
        {
            Organisation = pack.Organisation,
            Actor = request.Actor,
            Action = EvidencePackAudit.EvidencePackDownloaded,
            Target = Routes.PathOf(Routes.EvidencePack, pack.Id),
            Outcome = AuditOutcome.Success,
            RequestId = System.Diagnostics.Activity.Current?.Id ?? string.Empty,
            Source = "api",
            Details = new Dictionary<string, string> { ["sha256"] = pack.Sha256 ?? string.Empty, ["size"] = (pack.Size ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }, cancellationToken);
        return TypedResults.File(content, ZipType, $"{pack.Id}.zip");
    }

    public async Task<Ok<EvidencePackVerification>> VerifyEvidencePackAsync(string id, CancellationToken cancellationToken)
    {
        var pack = await Stored(id, cancellationToken);
        var verification = await EvidencePackSteps.VerifyStoredAsync(store, pack, key.PublicKeyPem, cancellationToken)
            ?? throw new ConflictException($"Evidence pack {id} has no stored content.");
        return TypedResults.Ok(verification);
    }

    private async Task<EvidencePack> Stored(string id, CancellationToken cancellationToken)
    {
        var pack = await EvidencePackSteps.FindAsync(store, request.Organisation, id, cancellationToken);
        return pack.Status == EvidencePackStatus.Completed
            ? pack
            : throw new ConflictException($"Evidence pack {id} is {EnumText<EvidencePackStatus>.Of(pack.Status)}{(pack.Error is null ? string.Empty : ": " + pack.Error)}; only a stored pack can be downloaded or verified.");
    }
}
