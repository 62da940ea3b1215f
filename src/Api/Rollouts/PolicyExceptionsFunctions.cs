using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Images;
using Qlrf.Rollouts;

namespace Qlrf.Api.Rollouts;

/// <summary>Admins' exceptions to the critical-CVE policy: a target named here is not blocked by its critical CVEs.</summary>
public sealed class PolicyExceptionsFunctions(IRolloutStore store, IImageStore images, TimeProvider time, RequestContext request)
{
    public async Task<Ok<IReadOnlyList<PolicyExceptionGrant>>> ListPolicyExceptionsAsync(CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListExceptionsAsync(request.Organisation, cancellationToken));

    public async Task<Created<PolicyExceptionGrant>> GrantPolicyExceptionAsync(GrantExceptionBody? body, CancellationToken cancellationToken)
    {
        var caller = request.RequireCaller();
        var target = string.IsNullOrWhiteSpace(body?.Target) ? throw new RequestValidationException("target", "is required: family@version.") : body.Target.Trim();
        var version = await images.GetVersionAsync(request.Organisation, target, cancellationToken)
            ?? throw new RequestValidationException("target", $"'{target}' is not an image version of this organisation (family@version).");
        var reason = string.IsNullOrWhiteSpace(body.Reason) ? throw new RequestValidationException("reason", "is required.") : body.Reason.Trim();
        var now = time.GetUtcNow();
        if (body.ExpiresAt is { } expires && expires <= now)
        {
            throw new RequestValidationException("expiresAt", "is in the past.");
        }

        var grant = await store.GrantExceptionAsync(new PolicyExceptionGrant
        {
            Organisation = request.Organisation,
            Target = version.Id,
            Reason = reason,
            GrantedBy = caller.Actor,
            GrantedAt = now,
            ExpiresAt = body.ExpiresAt,
        }, cancellationToken);
        var location = Routes.PathOf(Routes.RolloutPolicyException, version.Id);
        request.AuditDetails["target"] = version.Id;
        return TypedResults.Created(location, grant);
    }

    public async Task<NoContent> RevokePolicyExceptionAsync(string target, CancellationToken cancellationToken) =>
        await store.RevokeExceptionAsync(request.Organisation, target, cancellationToken)
            ? TypedResults.NoContent()
            : throw new NotFoundException($"There is no policy exception for '{target}'.");
}
