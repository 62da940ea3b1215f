using Microsoft.AspNetCore.Http;
using Qlrf.Errors;
using Qlrf.Json;

namespace Qlrf.Api.Infrastructure;

/// <summary>Reads query parameters strictly: a repeated single-valued parameter or an unknown value is a 400 naming it.</summary>
public static class Query
{
    public static string? Value(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!query.TryGetValue(name, out var values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw new RequestValidationException(name, "may be given only once.");
        }

        var value = values[0]?.Trim();
        return string.IsNullOrEmpty(value) ? throw new RequestValidationException(name, "must not be empty.") : value;
    }

    public static T? Enum<T>(IQueryCollection query, string name)
        where T : struct, System.Enum
    {
        var text = Value(query, name);
        if (text is null)
        {
            return null;
        }

        return EnumText<T>.TryParse(text, out var value)
            ? value
            : throw new RequestValidationException(name, $"'{text}' is not one of {string.Join(", ", EnumText<T>.All)}.");
    }

    /// <summary>A value that must be one of the known ones (sites, environments); the error lists them.</summary>
    public static string? OneOf(IQueryCollection query, string name, IReadOnlySet<string> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        var text = Value(query, name);
        if (text is null || known.Contains(text))
        {
            return text;
        }

        var listed = known.Count == 0 ? "none are known yet" : "known: " + string.Join(", ", known.Order(StringComparer.Ordinal).Take(50));
        throw new RequestValidationException(name, $"'{text}' is unknown ({listed}).");
    }
}
