using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Qlrf.Api.Infrastructure;
using Qlrf.Security;

namespace Qlrf.Api.Rbac;

public static class RbacApi
{
    public static IEndpointRouteBuilder MapRbacApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Routes.RbacRoles, RbacFunctions.ListRoles)
            .WithName(nameof(RbacFunctions.ListRoles))
            .WithTags("Access")
            .WithSummary("Lists the roles and the permissions each holds.")
            .RequirePermission(Permission.ReadDashboard, scopedInHandler: true);

        app.MapGet(Routes.RbacMe, (RbacFunctions f) => f.GetMe())
            .WithName(nameof(RbacFunctions.GetMe))
            .WithTags("Access")
            .WithSummary("Who the caller is: organisation, actor, role grants, and permissions over the organisation.")
            .RequirePermission(Permission.ReadDashboard, scopedInHandler: true);

        app.MapGet(Routes.RbacBindings, (RbacFunctions f, HttpRequest r, CancellationToken ct) => f.ListRoleBindingsAsync(r.Query, ct))
            .WithName(nameof(RbacFunctions.ListRoleBindingsAsync))
            .WithTags("Access")
            .WithSummary("Lists the role bindings of the scopes the caller manages.")
            .RequirePermission(Permission.ManageRbac, scopedInHandler: true)
            .WithQuery(new QueryParameter("subject", "Only this user's bindings."))
            .WithQuery(QueryParameterExtensions.Paging);

        app.MapPost(Routes.RbacBindings, async (RbacFunctions f, HttpRequest r, CancellationToken ct) =>
                await f.CreateRoleBindingAsync(await JsonBody.ReadAsync<CreateRoleBindingRequest>(r, ct), ct))
            .WithName(nameof(RbacFunctions.CreateRoleBindingAsync))
            .WithTags("Access")
            .WithSummary("Binds a user to a role over the organisation, a project or an environment; 409 if they already hold it there.")
            .RequirePermission(Permission.ManageRbac, scopedInHandler: true)
            .Accepts<CreateRoleBindingRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        app.MapGet(Routes.RbacBinding, (RbacFunctions f, string id, CancellationToken ct) => f.GetRoleBindingAsync(id, ct))
            .WithName(nameof(RbacFunctions.GetRoleBindingAsync))
            .WithTags("Access")
            .WithSummary("Gets a role binding.")
            .RequirePermission(Permission.ManageRbac, scopedInHandler: true)
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapDelete(Routes.RbacBinding, (RbacFunctions f, string id, CancellationToken ct) => f.DeleteRoleBindingAsync(id, ct))
            .WithName(nameof(RbacFunctions.DeleteRoleBindingAsync))
            .WithTags("Access")
            .WithSummary("Removes a role binding.")
            .RequirePermission(Permission.ManageRbac, scopedInHandler: true)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }
}
