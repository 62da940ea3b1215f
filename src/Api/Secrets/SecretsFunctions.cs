using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qlrf.Api.Infrastructure;
using Qlrf.Errors;
using Qlrf.Secrets;

namespace Qlrf.Api.Secrets;

/// <summary>
/// The secret inventory, metadata only: list (filters: store, environment, expiring within N days, rotation overdue),
/// detail with the workloads referencing it and its history, and sweeping a source now. No answer holds a value:
/// QL-RF never has one.
/// </summary>
public sealed class SecretsFunctions(ISecretStore store, SecretSweeper sweeper, RequestContext request, TimeProvider time)
{
    public const string Listing = "secrets";

    public async Task<Ok<PageResponse<SecretView>>> ListSecretsAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var page = PageRequest.From(query, Listing);
        var now = time.GetUtcNow();
        int? days = null;
        if (Query.Value(query, "expiringWithinDays") is { } text)
        {
            days = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) && d is >= 0 and <= 3650
                ? d
                : throw new RequestValidationException("expiringWithinDays", "must be a whole number from 0 to 3650.");
        }

        var overdue = Query.Value(query, "rotationOverdue") switch
        {
            null => (bool?)null,
            "true" => true,
            "false" => false,
            _ => throw new RequestValidationException("rotationOverdue", "must be true or false."),
        };
        var filter = new SecretFilter
        {
            Store = Query.Value(query, "store"),
            Environment = Query.Value(query, "environment"),
            ExpiringWithinDays = days,
            RotationOverdue = overdue,
            Now = now,
        };
        var result = await store.ListAsync(request.Organisation, filter, page.Limit, page.After, cancellationToken);
        return TypedResults.Ok(new PageResponse<SecretView>([.. result.Items.Select(s => SecretView.Of(s, now))], PageRequest.Next(result, Listing)));
    }

    public async Task<Ok<SecretDetail>> GetSecretAsync(string id, CancellationToken cancellationToken)
    {
        var secret = await FindAsync(store, request.Organisation, id, cancellationToken);
        var view = SecretView.Of(secret, time.GetUtcNow());
        var history = await store.ListChangesAsync(request.Organisation, secret.Id, cancellationToken);
        return TypedResults.Ok(new SecretDetail(secret, view.DaysToExpiry, view.RotationDueAt, view.RotationOverdue, [.. secret.Workloads.Select(w => new SecretWorkload(w, secret.Environment))], history));
    }

    public async Task<Ok<SecretSweepView>> SweepSecretSourceAsync(string id, CancellationToken cancellationToken)
    {
        var changes = await sweeper.SweepAsync(request.Organisation, id, cancellationToken);
        request.AuditDetails["source"] = id;
        return TypedResults.Ok(new SecretSweepView(id, changes.Count, changes));
    }

    internal static async Task<Secret> FindAsync(ISecretStore store, string organisation, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no secret '{id}'.");
}
