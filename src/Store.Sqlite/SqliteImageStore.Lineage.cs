using Microsoft.Data.Sqlite;
using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Json;

namespace Qlrf.Store.Sqlite;

public sealed partial class SqliteImageStore
{
    public Task<LineageEdge> AddLineageAsync(string organisation, LineageEdge edge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edge);
        return database.WriteAsync((connection, transaction) =>
        {
            RequireVersion(connection, transaction, organisation, edge.Child);
            RequireVersion(connection, transaction, organisation, edge.Parent);
            var edges = ReadLineage(connection, transaction, organisation);
            if (edges.FirstOrDefault(e => e.Child == edge.Child && e.Parent == edge.Parent) is { } existing)
            {
                return existing.Relation == edge.Relation
                    ? existing
                    : throw new ConflictException($"{edge.Child} is already {EnumText<LineageRelation>.Of(existing.Relation)} {edge.Parent}.");
            }

            if (new LineageGraph(edges).CycleIfAdded(edge.Child, edge.Parent) is { } cycle)
            {
                throw new ConflictException($"{edge.Child} {EnumText<LineageRelation>.Of(edge.Relation)} {edge.Parent} would make a lineage cycle: {string.Join(" → ", cycle)}.");
            }

            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO image_lineage (org, child, parent, relation, created_at, created_by)
                VALUES ($org, $child, $parent, $relation, $at, $by)
                """;
            command.Add("$org", organisation);
            command.Add("$child", edge.Child);
            command.Add("$parent", edge.Parent);
            command.Add("$relation", EnumText<LineageRelation>.Of(edge.Relation));
            command.Add("$at", SqliteValues.ToUnixMs(edge.CreatedAt));
            command.Add("$by", edge.CreatedBy);
            command.ExecuteNonQuery();
            return edge;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<LineageEdge>> ListLineageAsync(string organisation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var connection = database.OpenRead();
        return Task.FromResult<IReadOnlyList<LineageEdge>>(ReadLineage(connection, null, organisation));
    }

    private static List<LineageEdge> ReadLineage(SqliteConnection connection, SqliteTransaction? transaction, string organisation)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT child, parent, relation, created_at, created_by FROM image_lineage WHERE org = $org";
        command.Add("$org", organisation);
        var edges = new List<LineageEdge>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            edges.Add(new LineageEdge(reader.GetString(0), reader.GetString(1), EnumText<LineageRelation>.Parse(reader.GetString(2)), reader.GetTime(3), reader.GetString(4)));
        }

        return edges;
    }
}
