using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Discovery.Drift;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Api.Images;

/// <summary>The registry's HTTP functions for families, versions and their lifecycle.</summary>
public sealed class ImagesFunctions(
    IImageStore images,
    DriftFunctions drift,
    IEnumerable<Qlrf.Compliance.IComplianceChangeListener> compliance,
    RequestContext request,
    TimeProvider time,
    ILogger<ImagesFunctions> logger)
{
    public const int MaxTextLength = 200;

    public async Task<Ok<IReadOnlyList<FamilyResource>>> ListFamiliesAsync(CancellationToken cancellationToken)
    {
        var families = await images.ListFamiliesAsync(request.Organisation, cancellationToken);
        var result = new List<FamilyResource>(families.Count);
        foreach (var family in families)
        {
            result.Add(FamilyResource.From(family, await images.ListVersionsAsync(request.Organisation, family.Name, cancellationToken)));
        }

        return TypedResults.Ok<IReadOnlyList<FamilyResource>>(result);
    }

    public async Task<Created<FamilyResource>> CreateFamilyAsync(CreateFamilyRequest? body, CancellationToken cancellationToken)
    {
        var name = ImageNames.RequireFamily(body?.Name, "name");
        var family = await images.CreateFamilyAsync(new ImageFamily
        {
            Organisation = request.Organisation,
            Name = name,
            Os = Text(body?.Os, "os", required: true)!,
            Owner = Text(body?.Owner, "owner", required: true)!,
            Description = Text(body?.Description, "description", required: false),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = request.Actor,
        }, cancellationToken);
        await drift.ReevaluateAsync(request.Organisation, name, cancellationToken);
        var versions = await images.ListVersionsAsync(request.Organisation, name, cancellationToken);
        return TypedResults.Created("/" + Routes.ImageFamily.Replace("{family}", name, StringComparison.Ordinal), FamilyResource.From(family, versions));
    }

    public async Task<Ok<FamilyDetail>> GetFamilyAsync(string family, CancellationToken cancellationToken)
    {
        var found = await RequireFamilyAsync(family, cancellationToken);
        var versions = await images.ListVersionsAsync(request.Organisation, found.Name, cancellationToken);
        return TypedResults.Ok(new FamilyDetail(FamilyResource.From(found, versions), versions.Select(VersionResource.From).ToList()));
    }

    public async Task<Created<VersionResource>> RegisterVersionAsync(string family, RegisterVersionRequest? body, CancellationToken cancellationToken)
    {
        var found = await RequireFamilyAsync(family, cancellationToken);
        var number = ImageNames.RequireVersion(body?.Version, "version");
        if (body?.Platforms is not { Count: > 0 } platforms)
        {
            throw new RequestValidationException("platforms", $"name at least one platform and its reference ({string.Join(", ", EnumText<Platform>.All)}).");
        }

        var releases = new List<PlatformRelease>();
        foreach (var (key, reference) in platforms.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!EnumText<Platform>.TryParse(key, out var platform))
            {
                throw new RequestValidationException($"platforms.{key}", $"'{key}' is not one of {string.Join(", ", EnumText<Platform>.All)}.");
            }

            if (PlatformReference.Problem(platform, reference) is { } problem)
            {
                throw new RequestValidationException($"platforms.{key}", problem);
            }

            if (releases.Any(r => r.Platform == platform))
            {
                throw new RequestValidationException($"platforms.{key}", "is given twice.");
            }

            releases.Add(new PlatformRelease { Platform = platform, Reference = reference.Trim() });
        }

        var version = await images.RegisterVersionAsync(new ImageVersion
        {
            Organisation = request.Organisation,
            Id = ImageNames.VersionId(found.Name, number.Text),
            Family = found.Name,
            Version = number.Text,
            Description = Text(body.Description, "description", required: false),
            CreatedAt = time.GetUtcNow(),
            CreatedBy = request.Actor,
            Releases = releases.OrderBy(r => r.Platform).ToList(),
        }, cancellationToken);
        ImagesLogs.VersionRegistered(logger, version.Id, request.Organisation);
        return TypedResults.Created("/" + Routes.Image.Replace("{id}", version.Id, StringComparison.Ordinal), VersionResource.From(version));
    }

    public async Task<Ok<VersionDetail>> GetVersionAsync(string id, CancellationToken cancellationToken)
    {
        var version = await RequireVersionAsync(id, cancellationToken);
        var org = request.Organisation;
        var transitions = await images.ListTransitionsAsync(org, version.Id, cancellationToken);
        var parents = (await images.ListLineageAsync(org, cancellationToken)).Where(e => e.Child == version.Id).ToList();
        var scans = await images.ListScansAsync(org, version.Id, cancellationToken);
        var counts = scans.Count == 0 ? null : Qlrf.Images.Scanners.SeverityCounts.Of(await images.ListFindingsAsync(org, version.Id, cancellationToken));
        var sbom = await images.GetSbomAsync(org, version.Id, cancellationToken);
        return TypedResults.Ok(new VersionDetail(VersionResource.From(version), transitions, parents, counts, sbom));
    }

    public async Task<Ok<TransitionResult>> TransitionAsync(string id, TransitionBody? body, CancellationToken cancellationToken)
    {
        var version = await RequireVersionAsync(id, cancellationToken);
        if (!EnumText<LifecycleStatus>.TryParse(body?.Status, out var status))
        {
            throw new RequestValidationException("status", $"'{body?.Status}' is not one of {string.Join(", ", EnumText<LifecycleStatus>.All)}.");
        }

        var platforms = new List<Platform>();
        foreach (var text in body!.Platforms ?? [])
        {
            platforms.Add(EnumText<Platform>.TryParse(text, out var p)
                ? p
                : throw new RequestValidationException("platforms", $"'{text}' is not one of {string.Join(", ", EnumText<Platform>.All)}."));
        }

        using var activity = ImagesTelemetry.ActivitySource.StartActivity("images.transition");
        activity?.SetTag("qlrf.image", version.Id);
        activity?.SetTag("qlrf.status", EnumText<LifecycleStatus>.Of(status));
        var plan = await images.TransitionAsync(request.Organisation, new TransitionRequest
        {
            VersionId = version.Id,
            To = status,
            Platforms = platforms,
            Reason = body.Reason ?? string.Empty,
            Rollback = body.Rollback,
            Actor = request.Actor,
            At = time.GetUtcNow(),
        }, cancellationToken);
        if (!plan.IsEmpty)
        {
            ImagesTelemetry.Transitions.Add(plan.Transitions.Count, new KeyValuePair<string, object?>("status", EnumText<LifecycleStatus>.Of(status)));
            var reason = plan.Transitions[0].Reason;
            ImagesLogs.Transitioned(logger, request.Actor, version.Id, status, plan.Transitions.Count, body.Rollback, request.Organisation, reason);
            await drift.ReevaluateAsync(request.Organisation, version.Family, cancellationToken);
        }

        var now = await RequireVersionAsync(version.Id, cancellationToken);
        return TypedResults.Ok(new TransitionResult(VersionResource.From(now), plan.Transitions));
    }

    /// <summary>Tells compliance that a family's evidence changed (a scan or SBOM import); transitions reach it through drift's re-evaluation.</summary>
    internal async Task FamilyChangedAsync(string family, CancellationToken cancellationToken)
    {
        foreach (var listener in compliance)
        {
            await listener.ImageFamilyChangedAsync(request.Organisation, family, cancellationToken);
        }
    }

    internal async Task<ImageFamily> RequireFamilyAsync(string family, CancellationToken cancellationToken) =>
        await images.GetFamilyAsync(request.Organisation, family, cancellationToken)
            ?? throw new NotFoundException($"There is no image family '{family}'.");

    internal async Task<ImageVersion> RequireVersionAsync(string id, CancellationToken cancellationToken) =>
        await images.GetVersionAsync(request.Organisation, id, cancellationToken)
            ?? throw new NotFoundException($"There is no image version '{id}' (ids are family@version).");

    internal static string? Text(string? value, string field, bool required)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return required ? throw new RequestValidationException(field, "is required.") : null;
        }

        return text.Length > MaxTextLength || text.Any(char.IsControl)
            ? throw new RequestValidationException(field, $"must be at most {MaxTextLength} printable characters.")
            : text;
    }
}
