using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Images;
using Qlrf.Security;

namespace Qlrf.Api.Images;

public static class ImagesApi
{
    private const string Tag = "Images";

    public static IEndpointRouteBuilder MapImagesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.ImageFamilies, (ImagesFunctions f, CancellationToken ct) => f.ListFamiliesAsync(ct))
            .WithName(nameof(ImagesFunctions.ListFamiliesAsync))
            .WithTags(Tag)
            .WithSummary("Lists the golden image families, each with its production version per platform.")
            .RequirePermission(Permission.ReadImages);

        app.MapPost(Routes.ImageFamilies, async (ImagesFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.CreateFamilyAsync(await JsonBody.ReadAsync<CreateFamilyRequest>(r, ct), ct))
            .WithName(nameof(ImagesFunctions.CreateFamilyAsync))
            .WithTags(Tag)
            .WithSummary("Creates a family (name, OS, owner); the same definition again returns it, a different one is 409.")
            .RequirePermission(Permission.ManageImages)
            .Accepts<CreateFamilyRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.ImageFamily, (ImagesFunctions f, string family, CancellationToken ct) => f.GetFamilyAsync(family, ct))
            .WithName(nameof(ImagesFunctions.GetFamilyAsync))
            .WithTags(Tag)
            .WithSummary("Gets a family with its versions, newest first.")
            .RequirePermission(Permission.ReadImages)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.ImageFamilyVersions, async (ImagesFunctions f, string family, HttpRequest r, CancellationToken ct) =>
                await f.RegisterVersionAsync(family, await JsonBody.ReadAsync<RegisterVersionRequest>(r, ct), ct))
            .WithName(nameof(ImagesFunctions.RegisterVersionAsync))
            .WithTags(Tag)
            .WithSummary("Registers a version (semantic or date) with its reference on each platform; it starts as draft everywhere.")
            .RequirePermission(Permission.ManageImages)
            .Accepts<RegisterVersionRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.ImageFamilyLineageTree, (ImageLineageFunctions f, string family, CancellationToken ct) => f.GetFamilyTreeAsync(family, ct))
            .WithName(nameof(ImageLineageFunctions.GetFamilyTreeAsync))
            .WithTags(Tag)
            .WithSummary("The family's lineage tree: versions without a parent in the family are roots; parents in other families are listed on each node.")
            .RequirePermission(Permission.ReadImages)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet(Routes.Image, (ImagesFunctions f, string id, CancellationToken ct) => f.GetVersionAsync(id, ct))
            .WithName(nameof(ImagesFunctions.GetVersionAsync))
            .WithTags(Tag)
            .WithSummary("Gets a version (id family@version) with its releases, lifecycle history, parents, vulnerability counts and SBOM summary.")
            .RequirePermission(Permission.ReadImages)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.ImageTransitions, async (ImagesFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.TransitionAsync(id, await JsonBody.ReadAsync<TransitionBody>(r, ct), ct))
            .WithName(nameof(ImagesFunctions.TransitionAsync))
            .WithTags(Tag)
            .WithSummary("Moves a version's status on some or all of its platforms, with the reason. Forward only, unless rollback is set; one production version per family and platform.")
            .RequirePermission(Permission.ManageImages)
            .Accepts<TransitionBody>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.ImageLineage, (ImageLineageFunctions f, string id, CancellationToken ct) => f.GetLineageAsync(id, ct))
            .WithName(nameof(ImageLineageFunctions.GetLineageAsync))
            .WithTags(Tag)
            .WithSummary("A version's ancestors and descendants, nearest first.")
            .RequirePermission(Permission.ReadImages)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapPost(Routes.ImageLineageParents, async (ImageLineageFunctions f, string id, HttpRequest r, CancellationToken ct) =>
                await f.AddParentAsync(id, await JsonBody.ReadAsync<AddParentRequest>(r, ct), ct))
            .WithName(nameof(ImageLineageFunctions.AddParentAsync))
            .WithTags(Tag)
            .WithSummary($"Records a parent: relation {string.Join(", ", Qlrf.Json.EnumText<LineageRelation>.All)}. An edge that would make a cycle is 409.")
            .RequirePermission(Permission.ManageImages)
            .Accepts<AddParentRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return app;
    }
}
