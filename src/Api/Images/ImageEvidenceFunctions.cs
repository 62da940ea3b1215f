using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Drift;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;

namespace Qlrf.Api.Images;

/// <summary>
/// The registry's HTTP functions for evidence: scanner reports and SBOMs (parsed as they stream in, imported whole
/// or not at all, a file that does not parse answered with a 400 naming the format and where it failed), builds, and
/// deployments from the inventory.
/// </summary>
public sealed class ImageEvidenceFunctions(
    IImageStore images,
    IDriftStore drift,
    ImagesFunctions versions,
    RequestContext request,
    TimeProvider time,
    IOptions<ApiLimitsOptions> limits,
    ILogger<ImageEvidenceFunctions> logger)
{
    public const string DeploymentListing = "image-deployments";

    public async Task<Ok<ScanSummary>> ImportScanAsync(string id, IQueryCollection query, Stream body, CancellationToken cancellationToken)
    {
        var version = await versions.RequireVersionAsync(id, cancellationToken);
        var format = Query.Enum<ScanFormat>(query, "format");
        var report = await ParseAsync(version.Id, () => ScanReportReader.ReadAsync(body, format, limits.Value.MaxJsonDepth, cancellationToken));
        var summary = await images.SaveScanAsync(request.Organisation, version.Id, report, request.Actor, cancellationToken);
        await versions.FamilyChangedAsync(version.Family, cancellationToken);
        Imported(report.Format.ToString(), version.Id, report.Findings.Count);
        return TypedResults.Ok(summary);
    }

    public async Task<Ok<VulnerabilitiesResource>> GetVulnerabilitiesAsync(string id, CancellationToken cancellationToken)
    {
        var version = await versions.RequireVersionAsync(id, cancellationToken);
        var findings = await images.ListFindingsAsync(request.Organisation, version.Id, cancellationToken);
        var scans = await images.ListScansAsync(request.Organisation, version.Id, cancellationToken);
        return TypedResults.Ok(new VulnerabilitiesResource(version.Id, SeverityCounts.Of(findings), scans, findings));
    }

    public async Task<Ok<VulnerabilityDiffResource>> DiffVulnerabilitiesAsync(string id, IQueryCollection query, CancellationToken cancellationToken)
    {
        var (from, to) = await PairAsync(id, query, cancellationToken);
        if ((await images.ListScansAsync(request.Organisation, from.Id, cancellationToken)).Count == 0)
        {
            throw new RequestValidationException("against", $"{from.Id} has no imported scan to compare with.");
        }

        var before = await images.ListFindingsAsync(request.Organisation, from.Id, cancellationToken);
        var after = await images.ListFindingsAsync(request.Organisation, to.Id, cancellationToken);
        return TypedResults.Ok(new VulnerabilityDiffResource(from.Id, to.Id, VulnerabilityDiff.Between(before, after)));
    }

    public async Task<Ok<SbomSummary>> ImportSbomAsync(string id, IQueryCollection query, Stream body, CancellationToken cancellationToken)
    {
        var version = await versions.RequireVersionAsync(id, cancellationToken);
        var format = Query.Enum<SbomFormat>(query, "format");
        var sbom = await ParseAsync(version.Id, () => SbomReader.ReadAsync(body, format, limits.Value.MaxJsonDepth, cancellationToken));
        var summary = await images.SaveSbomAsync(request.Organisation, version.Id, sbom, request.Actor, cancellationToken);
        await versions.FamilyChangedAsync(version.Family, cancellationToken);
        Imported(sbom.Format.ToString(), version.Id, sbom.Components.Count);
        return TypedResults.Ok(summary);
    }

    public async Task<Ok<SbomSummary>> GetSbomAsync(string id, CancellationToken cancellationToken)
    {
        var version = await versions.RequireVersionAsync(id, cancellationToken);
        return TypedResults.Ok(await images.GetSbomAsync(request.Organisation, version.Id, cancellationToken)
            ?? throw new NotFoundException($"{version.Id} has no SBOM; import one with POST {Routes.ImageSbom}."));
    }

    public async Task<Ok<ComponentsResource>> ListComponentsAsync(string id, CancellationToken cancellationToken)
    {
        var version = await versions.RequireVersionAsync(id, cancellationToken);
        var sbom = await images.GetSbomAsync(request.Organisation, version.Id, cancellationToken)
            ?? throw new NotFoundException($"{version.Id} has no SBOM; import one with POST {Routes.ImageSbom}.");
        return TypedResults.Ok(new ComponentsResource(version.Id, sbom, await images.ListComponentsAsync(request.Organisation, version.Id, cancellationToken)));
    }

    public async Task<Ok<ComponentDiffResource>> DiffComponentsAsync(string id, IQueryCollection query, CancellationToken cancellationToken)
    {
        var (from, to) = await PairAsync(id, query, cancellationToken);
        foreach (var v in new[] { from, to })
        {
            if (await images.GetSbomAsync(request.Organisation, v.Id, cancellationToken) is null)
            {
                throw new RequestValidationException(v == from ? "against" : "id", $"{v.Id} has no SBOM to compare.");
            }
        }

        var before = await images.ListComponentsAsync(request.Organisation, from.Id, cancellationToken);
        var after = await images.ListComponentsAsync(request.Organisation, to.Id, cancellationToken);
        return TypedResults.Ok(new ComponentDiffResource(from.Id, to.Id, ComponentDiff.Between(before, after)));
    }

    public async Task<Created<BuildRecord>> AddBuildAsync(string id, AddBuildRequest? body, CancellationToken cancellationToken)
    {
        var version = await versions.RequireVersionAsync(id, cancellationToken);
        var started = body?.StartedAt ?? throw new RequestValidationException("startedAt", "is required.");
        var finished = body.FinishedAt ?? throw new RequestValidationException("finishedAt", "is required.");
        if (finished < started)
        {
            throw new RequestValidationException("finishedAt", "is before startedAt.");
        }

        if (body.Provenance is { } provenance && provenance.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            throw new RequestValidationException("provenance", "must be an object of SLSA provenance fields.");
        }

        var build = await images.AddBuildAsync(request.Organisation, new BuildRecord
        {
            Id = "build-" + Guid.NewGuid().ToString("N")[..12],
            VersionId = version.Id,
            Builder = ImagesFunctions.Text(body.Builder, "builder", required: true)!,
            SourceRepository = ImagesFunctions.Text(body.SourceRepository, "sourceRepository", required: true)!,
            Commit = ImagesFunctions.Text(body.Commit, "commit", required: true)!,
            StartedAt = started,
            FinishedAt = finished,
            Provenance = body.Provenance,
            RecordedAt = time.GetUtcNow(),
            RecordedBy = request.Actor,
        }, cancellationToken);
        return TypedResults.Created("/" + Routes.ImageBuilds.Replace("{id}", version.Id, StringComparison.Ordinal), build);
    }

    public async Task<Ok<IReadOnlyList<BuildRecord>>> ListBuildsAsync(string id, CancellationToken cancellationToken)
    {
        var version = await versions.RequireVersionAsync(id, cancellationToken);
        return TypedResults.Ok(await images.ListBuildsAsync(request.Organisation, version.Id, cancellationToken));
    }

    public async Task<Ok<PageResponse<DeploymentResource>>> ListDeploymentsAsync(string id, IQueryCollection query, CancellationToken cancellationToken)
    {
        var version = await versions.RequireVersionAsync(id, cancellationToken);
        var page = PageRequest.From(query, DeploymentListing);
        var result = await drift.ListRunningAsync(request.Organisation, version.Family, version.Version, page.Limit, page.After, cancellationToken);
        return TypedResults.Ok(new PageResponse<DeploymentResource>(result.Items.Select(DeploymentResource.From).ToList(), PageRequest.Next(result, DeploymentListing)));
    }

    private async Task<(ImageVersion From, ImageVersion To)> PairAsync(string id, IQueryCollection query, CancellationToken cancellationToken)
    {
        var to = await versions.RequireVersionAsync(id, cancellationToken);
        var againstId = Query.Value(query, "against") ?? throw new RequestValidationException("against", "is required: the version to compare with (family@version).");
        var from = await images.GetVersionAsync(request.Organisation, againstId, cancellationToken)
            ?? throw new RequestValidationException("against", $"there is no image version '{againstId}'.");
        return (from, to);
    }

    private async Task<T> ParseAsync<T>(string versionId, Func<Task<T>> parse)
    {
        try
        {
            return await parse();
        }
        catch (ImportFormatException ex)
        {
            Refused(ex.Format, versionId, ex.Message);
            throw new RequestValidationException("body", ex.Message);
        }
        catch (JsonTooDeepException ex)
        {
            // Answered as every body nested too deep is, by the exception handler.
            Refused("unknown", versionId, ex.Message);
            throw;
        }
    }

    private void Refused(string format, string versionId, string problem)
    {
        ImagesTelemetry.Imports.Add(1, new KeyValuePair<string, object?>("format", format), new KeyValuePair<string, object?>("outcome", "refused"));
        ImagesLogs.ImportRefused(logger, versionId, problem);
    }

    private void Imported(string format, string versionId, int items)
    {
        ImagesTelemetry.Imports.Add(1, new KeyValuePair<string, object?>("format", format), new KeyValuePair<string, object?>("outcome", "imported"));
        ImagesLogs.Imported(logger, format, versionId, request.Organisation, items);
    }
}
