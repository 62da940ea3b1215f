using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Qlrf.Tenancy;

/// <summary>Organisation (tenant) ids: lower-case slugs, the first part of every store key.</summary>
public static partial class OrganisationId
{
    public const string Pattern = "^[a-z0-9][a-z0-9-]{0,62}$";

    public static bool IsValid([NotNullWhen(true)] string? id) => id is not null && Slug().IsMatch(id);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
