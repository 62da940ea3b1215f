using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Json;

namespace Qlrf.Store.Tables;

/// <summary>Lifecycle transitions and lineage: each change is one batch guarded by an ETag (the family row, or the lineage row).</summary>
public sealed partial class TableImageStore
{
    private const string LineageGuard = "lineage";

    public async Task<LifecyclePlan> TransitionAsync(string organisation, TransitionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!ImageNames.TrySplit(request.VersionId, out var family, out _))
        {
            throw new NotFoundException($"There is no image version '{request.VersionId}'.");
        }

        for (var attempt = 1; ; attempt++)
        {
            var familyRow = await Table.GetAsync(organisation, ImageTableRows.FamilyKey(family), cancellationToken);
            var versions = await ImageTableRows.FamilyVersionsAsync(Table, organisation, family, cancellationToken);
            var plan = Lifecycle.Plan(versions.ConvertAll(v => v.Version), request);
            if (plan.IsEmpty)
            {
                return plan;
            }

            if (familyRow is null)
            {
                throw new InvalidDataException($"Image versions of '{family}' are stored without their family row.");
            }

            // The changed versions, the transitions numbered after each version's last, the family's revision and
            // the drift mark: one batch, so drift never sees a half-applied transition and never misses one.
            var counts = versions.ToDictionary(v => v.Version.Id, v => v.Row.Number("Transitions"), StringComparer.Ordinal);
            var actions = new List<TableAction> { Bump(familyRow) };
            foreach (var t in plan.Transitions)
            {
                var seq = counts[t.VersionId] += 1;
                var row = new TableRow(organisation, TableKeys.Join("t", t.VersionId, TableKeys.Number(seq)));
                JsonColumns.Write(row, t);
                actions.Add(TableAction.Add(row));
            }

            var etags = versions.ToDictionary(v => v.Version.Id, v => v.Row.ETag, StringComparer.Ordinal);
            foreach (var version in plan.Changed)
            {
                actions.Add(TableAction.Replace(ImageTableRows.VersionRow(version, counts[version.Id]), etags[version.Id]));
            }

            foreach (var unchanged in plan.Transitions.Select(t => t.VersionId).Distinct(StringComparer.Ordinal).Where(id => plan.Changed.All(c => c.Id != id)))
            {
                var stored = versions.First(v => v.Version.Id == unchanged);
                actions.Add(TableAction.Replace(ImageTableRows.VersionRow(stored.Version, counts[unchanged]), stored.Row.ETag));
            }

            actions.Add(TableAction.Upsert(ImageTableRows.PendingRow(organisation, family, request.At)));
            try
            {
                await Table.SubmitAsync(actions, cancellationToken);
                return plan;
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < MaxAttempts)
            {
                // The family changed meanwhile: plan again on what it is now.
            }
        }
    }

    public async Task<IReadOnlyList<LifecycleTransition>> ListTransitionsAsync(string organisation, string versionId, CancellationToken cancellationToken) =>
        (await Table.QueryPrefixAsync(organisation, TableKeys.Join("t", versionId) + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken))
            .ConvertAll(JsonColumns.Read<LifecycleTransition>);

    public async Task<LineageEdge> AddLineageAsync(string organisation, LineageEdge edge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(edge);
        await RequireVersionAsync(organisation, edge.Child, cancellationToken);
        await RequireVersionAsync(organisation, edge.Parent, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var guard = await Table.GetAsync(organisation, LineageGuard, cancellationToken);
            var edges = await ReadLineageAsync(organisation, cancellationToken);
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

            // Every edge is added with a write of the guard row, so two edges that together make a cycle are never both added.
            var next = new TableRow(organisation, LineageGuard) { ["Edges"] = (guard?.Number("Edges") ?? 0) + 1 };
            var row = new TableRow(organisation, TableKeys.Join("l", edge.Child, edge.Parent));
            JsonColumns.Write(row, edge);
            try
            {
                await Table.SubmitAsync([guard is null ? TableAction.Add(next) : TableAction.Replace(next, guard.ETag), TableAction.Add(row)], cancellationToken);
                return edge;
            }
            catch (Exception ex) when (ex is TableConflictException or TablePreconditionException && attempt < MaxAttempts)
            {
                // Another edge was added meanwhile: check again.
            }
        }
    }

    public async Task<IReadOnlyList<LineageEdge>> ListLineageAsync(string organisation, CancellationToken cancellationToken) =>
        await ReadLineageAsync(organisation, cancellationToken);

    private async Task<List<LineageEdge>> ReadLineageAsync(string organisation, CancellationToken cancellationToken) =>
        (await Table.QueryPrefixAsync(organisation, "l" + TableKeys.Separator, cancellationToken).ToListAsync(cancellationToken))
            .ConvertAll(JsonColumns.Read<LineageEdge>);
}
