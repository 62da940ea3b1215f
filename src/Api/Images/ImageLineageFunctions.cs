using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Images;
using Qlrf.Json;

namespace Qlrf.Api.Images;

/// <summary>The registry's HTTP functions for lineage: edges, a version's ancestors and descendants, a family's tree.</summary>
public sealed class ImageLineageFunctions(IImageStore images, ImagesFunctions versions, RequestContext request, TimeProvider time)
{
    public async Task<Created<LineageEdge>> AddParentAsync(string id, AddParentRequest? body, CancellationToken cancellationToken)
    {
        var child = await versions.RequireVersionAsync(id, cancellationToken);
        var parentId = ImagesFunctions.Text(body?.Parent, "parent", required: true)!;
        if (!EnumText<LineageRelation>.TryParse(body!.Relation, out var relation))
        {
            throw new RequestValidationException("relation", $"'{body.Relation}' is not one of {string.Join(", ", EnumText<LineageRelation>.All)}.");
        }

        if (await images.GetVersionAsync(request.Organisation, parentId, cancellationToken) is null)
        {
            throw new RequestValidationException("parent", $"there is no image version '{parentId}' (ids are family@version).");
        }

        var edge = await images.AddLineageAsync(request.Organisation, new LineageEdge(child.Id, parentId, relation, time.GetUtcNow(), request.Actor), cancellationToken);
        return TypedResults.Created("/" + Routes.ImageLineage.Replace("{id}", child.Id, StringComparison.Ordinal), edge);
    }

    public async Task<Ok<LineageResource>> GetLineageAsync(string id, CancellationToken cancellationToken)
    {
        var version = await versions.RequireVersionAsync(id, cancellationToken);
        var graph = new LineageGraph(await images.ListLineageAsync(request.Organisation, cancellationToken));
        return TypedResults.Ok(new LineageResource(version.Id, Nodes(graph.Ancestors(version.Id)), Nodes(graph.Descendants(version.Id))));
    }

    public async Task<Ok<LineageTree>> GetFamilyTreeAsync(string family, CancellationToken cancellationToken)
    {
        var found = await versions.RequireFamilyAsync(family, cancellationToken);
        var members = (await images.ListVersionsAsync(request.Organisation, found.Name, cancellationToken)).OrderBy(v => v.Number).ToList();
        var ids = members.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var edges = (await images.ListLineageAsync(request.Organisation, cancellationToken)).Where(e => ids.Contains(e.Child)).ToList();
        var inside = edges.Where(e => ids.Contains(e.Parent)).ToList();

        LineageTreeNode Node(ImageVersion v, LineageRelation? relation) => new(
            v.Id,
            v.Version,
            VersionResource.From(v).Releases,
            relation,
            edges.Where(e => e.Child == v.Id && !ids.Contains(e.Parent)).ToList(),
            members.SelectMany(c => inside.Where(e => e.Child == c.Id && e.Parent == v.Id).Select(e => Node(c, e.Relation))).ToList());

        var roots = members.Where(v => !inside.Any(e => e.Child == v.Id)).Select(v => Node(v, null)).ToList();
        return TypedResults.Ok(new LineageTree(found.Name, roots));
    }

    private static List<LineageNode> Nodes(IReadOnlyList<LineageStep> steps) =>
        steps.Select(s =>
        {
            ImageNames.TrySplit(s.Id, out var family, out var version);
            return new LineageNode(s.Id, family, version, s.Depth, s.Relation, s.Via);
        }).ToList();
}
