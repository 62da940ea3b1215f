using Qlrf.Images;

namespace Qlrf.UnitTests.Images;

public sealed class LineageGraphTests
{
    private static LineageEdge Edge(string child, string parent, LineageRelation relation = LineageRelation.PatchedFrom) =>
        new(child, parent, relation, DateTimeOffset.UnixEpoch, "test");

    private static readonly LineageGraph Graph = new([Edge("b", "a"), Edge("c", "b"), Edge("d", "b", LineageRelation.RebuiltFrom), Edge("c", "x", LineageRelation.DerivedFrom)]);

    [Fact]
    public void An_edge_that_closes_a_cycle_is_found_with_its_path()
    {
        Assert.Equal(["a", "c", "b", "a"], Graph.CycleIfAdded("a", "c"));
        Assert.Equal(["a", "a"], Graph.CycleIfAdded("a", "a"));
    }

    [Fact]
    public void An_edge_that_keeps_the_graph_acyclic_is_allowed()
    {
        Assert.Null(Graph.CycleIfAdded("d", "x"));
        Assert.Null(Graph.CycleIfAdded("e", "c"));
    }

    [Fact]
    public void Ancestors_and_descendants_come_nearest_first_with_how_they_were_reached()
    {
        Assert.Equal([("b", 1), ("x", 1), ("a", 2)], Graph.Ancestors("c").Select(s => (s.Id, s.Depth)));
        var descendants = Graph.Descendants("a");
        Assert.Equal(["b", "c", "d"], descendants.Select(s => s.Id));
        Assert.Equal(LineageRelation.RebuiltFrom, descendants.Single(s => s.Id == "d").Relation);
        Assert.Equal("b", descendants.Single(s => s.Id == "d").Via);
    }
}
