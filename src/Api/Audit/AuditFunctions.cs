using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Qlrf.Audit;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;
using Qlrf.Identity;
using Qlrf.Json;
using Qlrf.Paging;

namespace Qlrf.Api.Audit;

/// <summary>The caller's organisation's audit log: browse it, export it as JSON Lines, verify its chain.</summary>
public sealed class AuditFunctions(IAuditReader reader, RequestContext request, ILogger<AuditFunctions> logger)
{
    public const string Listing = "audit";
    public const string JsonLines = "application/jsonl";
    public const int ExportPageSize = 1000;

    private static readonly ReadOnlyMemory<byte> NewLine = "\n"u8.ToArray();

    public async Task<Ok<PageResponse<AuditEntry>>> ListAuditEntriesAsync(IQueryCollection query, CancellationToken cancellationToken)
    {
        var filter = AuditQuery.Filter(query);
        var page = PageRequest.From(query, Listing);
        var after = page.After is null ? (long?)null
            : long.TryParse(page.After, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq
            : throw new RequestValidationException("cursor", "is not a cursor from this listing.");
        var result = await reader.QueryAsync(request.Organisation, filter, AuditOrder.NewestFirst, page.Limit, after, cancellationToken);
        return TypedResults.Ok(new PageResponse<AuditEntry>(result.Items, PageRequest.Next(result, Listing)));
    }

    /// <summary>Every matching entry, oldest first, one JSON object per line.</summary>
    public PushStreamHttpResult ExportAuditEntries(IQueryCollection query)
    {
        var filter = AuditQuery.Filter(query);
        var organisation = request.Organisation;
        return TypedResults.Stream(
            async stream =>
            {
                long? after = null;
                Page<AuditEntry> page;
                do
                {
                    page = await reader.QueryAsync(organisation, filter, AuditOrder.OldestFirst, ExportPageSize, after, CancellationToken.None);
                    foreach (var entry in page.Items)
                    {
                        await JsonSerializer.SerializeAsync(stream, entry, QlrfJson.Options);
                        await stream.WriteAsync(NewLine);
                    }

                    after = page.NextCursor is null ? null : long.Parse(page.NextCursor, CultureInfo.InvariantCulture);
                }
                while (after is not null);
            },
            JsonLines + "; charset=utf-8",
            $"audit-{organisation}.jsonl");
    }

    public async Task<Ok<AuditVerification>> VerifyAuditAsync(CancellationToken cancellationToken)
    {
        using var activity = IdentityTelemetry.ActivitySource.StartActivity("Audit.Verify");
        var result = await AuditVerifier.VerifyAsync(reader, request.Organisation, cancellationToken);
        activity?.SetTag("qlrf.audit.checked", result.Checked);
        if (result.FirstBrokenLink is { } broken)
        {
            activity?.SetStatus(ActivityStatusCode.Error, broken.Problem);
            AccessLogs.AuditChainBroken(logger, result.Organisation, broken.Sequence, broken.Problem);
        }

        return TypedResults.Ok(result);
    }
}
