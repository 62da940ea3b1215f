using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Images;

public static class ImageEvidenceApi
{
    private const string Tag = "Images";

    private static readonly QueryParameter Against = new("against", "The version to compare with (family@version): the diff goes from it to this version.");

    public static IEndpointRouteBuilder MapImageEvidenceApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Routes.ImageVulnerabilities, (ImageEvidenceFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                f.ImportScanAsync(id, r.Query, ImportBody.Open(r), ct))
            .WithName(nameof(ImageEvidenceFunctions.ImportScanAsync))
            .WithTags(Tag)
            .WithSummary("Imports a scanner report (Trivy JSON or Grype JSON, as the tools write it); replaces that scanner's findings for the version. The body may be as large as Qlrf:Api:Limits:MaxImportBodyBytes (default 64 MiB).")
            .RequirePermission(Permission.ManageImages)
            .AcceptsImport()
            .WithQuery(new QueryParameter("format", "trivy or grype; recognised from the document when left out."))
            .Accepts<object>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.ImageVulnerabilities, (ImageEvidenceFunctions f, string id, CancellationToken ct) => f.GetVulnerabilitiesAsync(id, ct))
            .WithName(nameof(ImageEvidenceFunctions.GetVulnerabilitiesAsync))
            .WithTags(Tag)
            .WithSummary("The version's vulnerabilities: counts of unique vulnerabilities and of findings (vulnerability × package) by severity, scans, and findings merged across scanners.")
            .RequirePermission(Permission.ReadImages)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.ImageVulnerabilitiesDiff, (ImageEvidenceFunctions f, string id, HttpRequest r, CancellationToken ct) => f.DiffVulnerabilitiesAsync(id, r.Query, ct))
            .WithName(nameof(ImageEvidenceFunctions.DiffVulnerabilitiesAsync))
            .WithTags(Tag)
            .WithSummary("What changed in vulnerabilities between two versions: added, fixed, unique vulnerabilities and findings by severity before and after.")
            .RequirePermission(Permission.ReadImages)
            .WithQuery(Against)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.ImageSbom, (ImageEvidenceFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                f.ImportSbomAsync(id, r.Query, ImportBody.Open(r), ct))
            .WithName(nameof(ImageEvidenceFunctions.ImportSbomAsync))
            .WithTags(Tag)
            .WithSummary("Imports the version's SBOM (SPDX JSON 2.2 or 2.3, CycloneDX JSON 1.2 to 1.7); replaces the previous one. The body may be as large as Qlrf:Api:Limits:MaxImportBodyBytes (default 64 MiB).")
            .RequirePermission(Permission.ManageImages)
            .AcceptsImport()
            .WithQuery(new QueryParameter("format", "spdx or cyclonedx; recognised from the document when left out."))
            .Accepts<object>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.ImageSbom, (ImageEvidenceFunctions f, string id, CancellationToken ct) => f.GetSbomAsync(id, ct))
            .WithName(nameof(ImageEvidenceFunctions.GetSbomAsync))
            .WithTags(Tag)
            .WithSummary("The version's SBOM: format, tool, subject and component count.")
            .RequirePermission(Permission.ReadImages)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.ImageComponents, (ImageEvidenceFunctions f, string id, CancellationToken ct) => f.ListComponentsAsync(id, ct))
            .WithName(nameof(ImageEvidenceFunctions.ListComponentsAsync))
            .WithTags(Tag)
            .WithSummary("The version's SBOM components, by name.")
            .RequirePermission(Permission.ReadImages)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.ImageComponentsDiff, (ImageEvidenceFunctions f, string id, HttpRequest r, CancellationToken ct) => f.DiffComponentsAsync(id, r.Query, ct))
            .WithName(nameof(ImageEvidenceFunctions.DiffComponentsAsync))
            .WithTags(Tag)
            .WithSummary("Components added, removed and changed in version between two versions.")
            .RequirePermission(Permission.ReadImages)
            .WithQuery(Against)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.ImageBuilds, async (ImageEvidenceFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.AddBuildAsync(id, await JsonBody.ReadAsync<AddBuildRequest>(r, ct), ct))
            .WithName(nameof(ImageEvidenceFunctions.AddBuildAsync))
            .WithTags(Tag)
            .WithSummary("Records a build of the version: builder, source repository and commit, start and finish, SLSA provenance fields.")
            .RequirePermission(Permission.ManageImages)
            .Accepts<AddBuildRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.ImageBuilds, (ImageEvidenceFunctions f, string id, CancellationToken ct) => f.ListBuildsAsync(id, ct))
            .WithName(nameof(ImageEvidenceFunctions.ListBuildsAsync))
            .WithTags(Tag)
            .WithSummary("The version's builds, newest first.")
            .RequirePermission(Permission.ReadImages)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.ImageDeployments, (ImageEvidenceFunctions f, string id, HttpRequest r, CancellationToken ct) => f.ListDeploymentsAsync(id, r.Query, ct))
            .WithName(nameof(ImageEvidenceFunctions.ListDeploymentsAsync))
            .WithTags(Tag)
            .WithSummary("The assets in the inventory that run this version, by id.")
            .RequirePermission(Permission.ReadImages)
            .WithQuery(QueryParameterExtensions.Paging)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
