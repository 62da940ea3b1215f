using System.Globalization;
using Microsoft.AspNetCore.Http;
using Qlrf.Errors;
using Qlrf.Paging;

namespace Qlrf.Api.Infrastructure;

/// <summary>The <c>limit</c> and <c>cursor</c> of a paged listing, validated.</summary>
public sealed record PageRequest(int Limit, string? After)
{
    public const int DefaultLimit = 50;
    public const int MinLimit = 1;
    public const int MaxLimit = 500;

    public static PageRequest From(IQueryCollection query, string listing)
    {
        ArgumentNullException.ThrowIfNull(query);
        var limit = DefaultLimit;
        if (Query.Value(query, "limit") is { } text
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < MinLimit || limit > MaxLimit))
        {
            throw new RequestValidationException("limit", $"must be a whole number from {MinLimit} to {MaxLimit}.");
        }

        string? after = null;
        if (Query.Value(query, "cursor") is { } cursor && !PageCursor.TryDecode(listing, cursor, out after))
        {
            throw new RequestValidationException("cursor", "is not a cursor from this listing; pass the nextCursor of the previous page.");
        }

        return new PageRequest(limit, after);
    }

    public static string? Next<T>(Page<T> page, string listing) =>
        page.NextCursor is null ? null : PageCursor.Encode(listing, page.NextCursor);
}

/// <summary>A page as the API returns it.</summary>
public sealed record PageResponse<T>(IReadOnlyList<T> Items, string? NextCursor);
