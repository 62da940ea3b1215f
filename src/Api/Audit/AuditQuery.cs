using System.Globalization;
using Microsoft.AspNetCore.Http;
using Qlrf.Audit;
using Qlrf.Errors;
using Qlrf.Api.Infrastructure;

namespace Qlrf.Api.Audit;

/// <summary>The filters of the audit listing and export, read strictly from the query.</summary>
public static class AuditQuery
{
    public const int MaxValueLength = 512;

    public static readonly QueryParameter[] Parameters =
    [
        new("actor", "user:{subject}, key:{id}, anonymous or system."),
        new("action", "An endpoint name such as CreateRoleBinding, or SignInFailed."),
        new("target", "A resource path such as /api/v1/api-keys/{id}."),
        new("outcome", "success, denied or failed."),
        new("from", "Entries at or after this time (ISO 8601)."),
        new("to", "Entries before this time (ISO 8601)."),
    ];

    public static AuditFilter Filter(IQueryCollection query)
    {
        var filter = new AuditFilter
        {
            Actor = Text(query, "actor"),
            Action = Text(query, "action"),
            Target = Text(query, "target"),
            Outcome = Query.Enum<AuditOutcome>(query, "outcome"),
            From = Time(query, "from"),
            To = Time(query, "to"),
        };
        return filter.From >= filter.To ? throw new RequestValidationException("to", "must be later than from.") : filter;
    }

    private static string? Text(IQueryCollection query, string name)
    {
        var value = Query.Value(query, name);
        return value is not null && (value.Length > MaxValueLength || value.Any(char.IsControl))
            ? throw new RequestValidationException(name, $"must be at most {MaxValueLength} characters, without control characters.")
            : value;
    }

    private static DateTimeOffset? Time(IQueryCollection query, string name)
    {
        var text = Query.Value(query, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new RequestValidationException(name, $"'{text}' is not a time (use ISO 8601, e.g. 2026-11-02T09:00:00Z).");
    }
}
