using System.Text.Json;

namespace Qlrf.Images;

/// <summary>
/// How an image version was built: the builder, the source repository and commit, when it started and
/// finished, and the SLSA provenance fields the pipeline supplied (kept as given).
/// </summary>
public sealed record BuildRecord
{
    public required string Id { get; init; }

    public required string VersionId { get; init; }

    public required string Builder { get; init; }

    public required string SourceRepository { get; init; }

    public required string Commit { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    /// <summary>SLSA provenance (buildType, builder.id, invocation, materials, ...), as given.</summary>
    public JsonElement? Provenance { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}
