using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Compliance.EvidencePacks;
using Qlrf.Security;

namespace Qlrf.Api.Compliance;

public static class EvidencePacksApi
{
    private const string Tag = "Compliance";

    public static IEndpointRouteBuilder MapEvidencePacksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.EvidencePacks, async (EvidencePacksFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.CreateEvidencePackAsync(await JsonBody.ReadAsync<CreateEvidencePackBody>(r, ct), r, ct))
            .WithName(nameof(EvidencePacksFunctions.CreateEvidencePackAsync))
            .WithTags(Tag)
            .WithSummary("Makes a signed evidence pack for a framework, a date range (to exclusive) and environments (none: all), in the background: 202 with its id and Location. The same Idempotency-Key returns the same pack.")
            .RequirePermission(Permission.ExportEvidencePacks)
            .Accepts<CreateEvidencePackBody>("application/json")
            .Produces<EvidencePackResource>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.EvidencePacks, (EvidencePacksFunctions f, CancellationToken ct) => f.ListEvidencePacksAsync(ct))
            .WithName(nameof(EvidencePacksFunctions.ListEvidencePacksAsync))
            .WithTags(Tag)
            .WithSummary("Lists the organisation's evidence packs, newest first, with their status and progress.")
            .RequirePermission(Permission.ReadEvidencePacks);

        app.MapGet(Routes.EvidencePack, (EvidencePacksFunctions f, string id, CancellationToken ct) => f.GetEvidencePackAsync(id, ct))
            .WithName(nameof(EvidencePacksFunctions.GetEvidencePackAsync))
            .WithTags(Tag)
            .WithSummary("Gets an evidence pack: status, progress (step, files written), and once stored its files with their SHA-256, its size and its signature.")
            .RequirePermission(Permission.ReadEvidencePacks)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.EvidencePackContent, (EvidencePacksFunctions f, string id, CancellationToken ct) => f.DownloadEvidencePackAsync(id, ct))
            .WithName(nameof(EvidencePacksFunctions.DownloadEvidencePackAsync))
            .WithTags(Tag)
            .WithSummary("Downloads a stored evidence pack (application/zip): index.json, index.json.sig, the public key and the files index.json lists.")
            .RequirePermission(Permission.ExportEvidencePacks)
            .Produces(StatusCodes.Status200OK, contentType: EvidencePacksFunctions.ZipType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.EvidencePackVerify, (EvidencePacksFunctions f, string id, CancellationToken ct) => f.VerifyEvidencePackAsync(id, ct))
            .WithName(nameof(EvidencePacksFunctions.VerifyEvidencePackAsync))
            .WithTags(Tag)
            .WithSummary("Verifies the stored pack with the host's signing key: every file's SHA-256 and size against index.json, and the signature over index.json; names each file that fails.")
            .RequirePermission(Permission.ReadEvidencePacks)
            .Produces<EvidencePackVerification>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
