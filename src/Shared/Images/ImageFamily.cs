namespace Qlrf.Images;

/// <summary>A golden image line, such as <c>ubuntu-2204-base</c>, with its operating system and owning team.</summary>
public sealed record ImageFamily
{
    public required string Organisation { get; init; }

    public required string Name { get; init; }

    public required string Os { get; init; }

    public required string Owner { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>Whether two records describe the same family (ignoring who created it and when).</summary>
    public bool SameDefinition(ImageFamily other) =>
        other is not null && Name == other.Name && Os == other.Os && Owner == other.Owner && Description == other.Description;
}
