using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Json;
using Qlrf.Security;

namespace Qlrf.Api.Rbac;

/// <summary>
/// Roles, the caller's own access, and role bindings. A caller manages the bindings of the scopes it
/// holds <c>manage:rbac</c> over: an organisation-wide admin all of them, an admin bound to one
/// environment only that environment's. Bindings outside the caller's reach are not found.
/// </summary>
public sealed class RbacFunctions(IRoleBindingStore bindings, RequestContext request, TimeProvider time, ILogger<RbacFunctions> logger)
{
    public const string BindingListing = "rbac-bindings";
    public const int MaxSubjectLength = 256;

    public static Ok<IReadOnlyList<RoleResource>> ListRoles() =>
        TypedResults.Ok<IReadOnlyList<RoleResource>>(Enum.GetValues<Role>()
            .Select(r => new RoleResource(r, RolePermissions.Of(r).Order().Select(PermissionNames.Of).ToList()))
            .ToList());

    public Ok<CallerResource> GetMe()
    {
        var caller = request.RequireCaller();
        return TypedResults.Ok(new CallerResource(
            caller.Organisation,
            caller.Actor,
            caller.Kind,
            caller.Grants.Select(g => new GrantResource(g.Role, g.Scope.ToString())).ToList(),
            AccessPolicy.PermissionsAt(caller, AccessScope.Of(caller.Organisation)).Select(PermissionNames.Of).ToList()));
    }

    public async Task<Ok<PageResponse<RoleBindingResource>>> ListRoleBindingsAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var subject = Query.Value(query, "subject");
        if (subject is not null)
        {
            CheckSubject(subject, "subject");
        }

        var page = PageRequest.From(query, BindingListing);
        if (page.After is not null && !Guid.TryParse(page.After, out _))
        {
            throw new RequestValidationException("cursor", "is not a cursor from this listing.");
        }

        var caller = request.RequireCaller();
        var result = await bindings.ListAsync(request.Organisation, subject, page.Limit, page.After, cancellationToken);
        return TypedResults.Ok(new PageResponse<RoleBindingResource>(
            result.Items.Where(b => AccessPolicy.Manages(caller, Permission.ManageRbac, b.Scope)).Select(RoleBindingResource.From).ToList(),
            PageRequest.Next(result, BindingListing)));
    }

    public async Task<Created<RoleBindingResource>> CreateRoleBindingAsync(CreateRoleBindingRequest? body, CancellationToken cancellationToken)
    {
        var subject = body?.Subject?.Trim() ?? throw new RequestValidationException("subject", "is required.");
        CheckSubject(subject, "subject");
        var role = ParseRole(body.Role);
        var scope = ParseScope(body.Scope);
        var caller = request.RequireCaller();
        if (!AccessPolicy.Manages(caller, Permission.ManageRbac, scope))
        {
            throw new ForbiddenException($"Binding a role at {scope} needs manage:rbac over {scope} or the whole organisation.");
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var binding = new RoleBinding
        {
            Organisation = request.Organisation,
            Id = Guid.CreateVersion7(now).ToString(),
            Subject = subject,
            Role = role,
            Scope = scope,
            CreatedAt = now,
            CreatedBy = caller.Actor,
        };
        request.AuditDetails["subject"] = subject;
        request.AuditDetails["role"] = EnumText<Role>.Of(role);
        request.AuditDetails["scope"] = scope.ToString();
        await bindings.AddAsync(binding, cancellationToken);
        AccessLogs.RoleBindingCreated(logger, caller.Actor, subject, role, scope, binding.Organisation, binding.Id);
        return TypedResults.Created(Routes.PathOf(Routes.RbacBinding, binding.Id), RoleBindingResource.From(binding));
    }

    public async Task<Ok<RoleBindingResource>> GetRoleBindingAsync(string id, CancellationToken cancellationToken) =>
        TypedResults.Ok(RoleBindingResource.From(await FindAsync(id, cancellationToken)));

    public async Task<NoContent> DeleteRoleBindingAsync(string id, CancellationToken cancellationToken)
    {
        var binding = await FindAsync(id, cancellationToken);
        request.AuditDetails["subject"] = binding.Subject;
        request.AuditDetails["role"] = EnumText<Role>.Of(binding.Role);
        request.AuditDetails["scope"] = binding.Scope.ToString();
        if (!await bindings.DeleteAsync(request.Organisation, binding.Id, cancellationToken))
        {
            throw new NotFoundException($"There is no role binding '{id}'.");
        }

        AccessLogs.RoleBindingDeleted(logger, request.Actor, binding.Id, binding.Organisation);
        return TypedResults.NoContent();
    }

    internal static Role ParseRole(string? text) =>
        text is null ? throw new RequestValidationException("role", "is required.")
        : EnumText<Role>.TryParse(text, out var role) ? role
        : throw new RequestValidationException("role", $"'{text}' is not one of {string.Join(", ", EnumText<Role>.All)}.");

    internal static RoleScope ParseScope(string? text) =>
        text is null ? RoleScope.Organisation
        : RoleScope.TryParse(text.Trim(), out var scope) ? scope
        : throw new RequestValidationException("scope", $"'{text}' is not organisation, project:<name> or environment:<name> (names are lower-case letters, digits, '.', '-', '_').");

    private static void CheckSubject(string subject, string field)
    {
        if (subject.Length is 0 or > MaxSubjectLength || subject.Any(char.IsControl))
        {
            throw new RequestValidationException(field, $"must be 1 to {MaxSubjectLength} printable characters.");
        }
    }

    private async Task<RoleBinding> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out _))
        {
            throw new RequestValidationException("id", $"'{id}' is not a role binding id.");
        }

        var binding = await bindings.GetAsync(request.Organisation, id, cancellationToken);
        return binding is not null && AccessPolicy.Manages(request.RequireCaller(), Permission.ManageRbac, binding.Scope)
            ? binding
            : throw new NotFoundException($"There is no role binding '{id}'.");
    }
}
