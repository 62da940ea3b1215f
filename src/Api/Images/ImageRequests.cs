using System.Text.Json;

namespace Qlrf.Api.Images;

/// <summary>Body of <c>POST /api/v1/images/families</c>.</summary>
public sealed record CreateFamilyRequest(string? Name, string? Os, string? Owner, string? Description);

/// <summary>
/// Body of <c>POST /api/v1/images/families/{family}/versions</c>: the version string and, per platform
/// (<c>aws</c>, <c>azure</c>, <c>gcp</c>, <c>vsphere</c>, <c>kubernetes</c>, <c>sandbox</c>), its reference there.
/// </summary>
public sealed record RegisterVersionRequest(string? Version, Dictionary<string, string>? Platforms, string? Description);

/// <summary>
/// Body of <c>POST /api/v1/images/{id}/transitions</c>: the status to move to, on which platforms (all
/// when left out), why, and whether this is a rollback (required to move backward).
/// </summary>
public sealed record TransitionBody(string? Status, List<string>? Platforms, string? Reason, bool Rollback = false);

/// <summary>Body of <c>POST /api/v1/images/{id}/lineage/parents</c>.</summary>
public sealed record AddParentRequest(string? Parent, string? Relation);

/// <summary>Body of <c>POST /api/v1/images/{id}/builds</c>. <see cref="Provenance"/> holds SLSA provenance fields, stored as given.</summary>
public sealed record AddBuildRequest(
    string? Builder,
    string? SourceRepository,
    string? Commit,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    JsonElement? Provenance);
