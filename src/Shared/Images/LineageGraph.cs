namespace Qlrf.Images;

/// <summary>
/// The lineage of an organisation's image versions: a directed acyclic graph from child to parent
/// (versions may have several parents, and parents may be in other families).
/// </summary>
public sealed class LineageGraph
{
    private readonly Dictionary<string, List<LineageEdge>> parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<LineageEdge>> children = new(StringComparer.Ordinal);

    public LineageGraph(IEnumerable<LineageEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        foreach (var edge in edges)
        {
            Add(edge);
        }
    }

    public IReadOnlyList<LineageEdge> ParentsOf(string id) => parents.TryGetValue(id, out var list) ? list : [];

    public IReadOnlyList<LineageEdge> ChildrenOf(string id) => children.TryGetValue(id, out var list) ? list : [];

    /// <summary>
    /// The path from <paramref name="parent"/> up to <paramref name="child"/> through parent edges if the
    /// edge child → parent would close a cycle (child == parent included); otherwise null.
    /// </summary>
    public IReadOnlyList<string>? CycleIfAdded(string child, string parent)
    {
        if (child == parent)
        {
            return [child, child];
        }

        // A cycle exists when child is already an ancestor of parent.
        var from = new Dictionary<string, string>(StringComparer.Ordinal) { [parent] = string.Empty };
        var queue = new Queue<string>([parent]);
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            foreach (var edge in ParentsOf(id))
            {
                if (from.TryAdd(edge.Parent, id))
                {
                    if (edge.Parent == child)
                    {
                        var chain = new List<string>();
                        for (var at = id; at.Length > 0; at = from[at])
                        {
                            chain.Add(at);
                        }

                        chain.Reverse();
                        return [child, .. chain, child];
                    }

                    queue.Enqueue(edge.Parent);
                }
            }
        }

        return null;
    }

    /// <summary>Every ancestor of <paramref name="id"/>, nearest first, each with its depth and the edge that reached it.</summary>
    public IReadOnlyList<LineageStep> Ancestors(string id) => Walk(id, ParentsOf, e => e.Parent);

    /// <summary>Every descendant of <paramref name="id"/>, nearest first.</summary>
    public IReadOnlyList<LineageStep> Descendants(string id) => Walk(id, ChildrenOf, e => e.Child);

    private static List<LineageStep> Walk(string start, Func<string, IReadOnlyList<LineageEdge>> next, Func<LineageEdge, string> other)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var steps = new List<LineageStep>();
        var frontier = new List<string> { start };
        for (var depth = 1; frontier.Count > 0; depth++)
        {
            var following = new List<string>();
            foreach (var id in frontier)
            {
                foreach (var edge in next(id).OrderBy(other, StringComparer.Ordinal))
                {
                    var target = other(edge);
                    if (seen.Add(target))
                    {
                        steps.Add(new LineageStep(target, depth, edge.Relation, id));
                        following.Add(target);
                    }
                }
            }

            frontier = following;
        }

        return steps;
    }

    private void Add(LineageEdge edge)
    {
        if (!parents.TryGetValue(edge.Child, out var up))
        {
            parents[edge.Child] = up = [];
        }

        up.Add(edge);
        if (!children.TryGetValue(edge.Parent, out var down))
        {
            children[edge.Parent] = down = [];
        }

        down.Add(edge);
    }
}

/// <summary>A version reached from another in a lineage walk: how deep, by which relation, and through which version.</summary>
public sealed record LineageStep(string Id, int Depth, LineageRelation Relation, string Via);
