namespace Qlrf.Images;

/// <summary>How a version came from its parent.</summary>
public enum LineageRelation
{
    /// <summary>Built on top of the parent (a base image).</summary>
    DerivedFrom,

    /// <summary>The parent with patches applied.</summary>
    PatchedFrom,

    /// <summary>The parent's recipe rebuilt (fresh packages, same definition).</summary>
    RebuiltFrom,
}

/// <summary>An edge of the lineage graph: <see cref="Child"/> came from <see cref="Parent"/>.</summary>
public sealed record LineageEdge(string Child, string Parent, LineageRelation Relation, DateTimeOffset CreatedAt, string CreatedBy);
