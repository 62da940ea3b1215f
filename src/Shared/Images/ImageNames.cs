using System.Text.RegularExpressions;
using Qlrf.Errors;

namespace Qlrf.Images;

/// <summary>Family names and version ids: <c>ubuntu-2204-base</c> and <c>ubuntu-2204-base@2026.10.1</c>.</summary>
public static partial class ImageNames
{
    public const string FamilyPattern = "^[a-z0-9][a-z0-9._-]{0,62}$";

    public static bool IsFamily(string? name) => name is not null && Family().IsMatch(name);

    /// <summary>The family name, or a 400 naming <paramref name="field"/>.</summary>
    public static string RequireFamily(string? name, string field)
    {
        var value = name?.Trim() ?? string.Empty;
        return IsFamily(value)
            ? value
            : throw new RequestValidationException(field, $"'{value}' is not a family name: lower-case letters, digits, '.', '_' and '-', at most 63 characters.");
    }

    /// <summary>The parsed version, or a 400 naming <paramref name="field"/>.</summary>
    public static ImageVersionNumber RequireVersion(string? version, string field) =>
        ImageVersionNumber.TryParse(version, out var number, out var error) ? number : throw new RequestValidationException(field, error);

    public static string VersionId(string family, string version) => $"{family}@{version}";

    public static bool TrySplit(string id, out string family, out string version)
    {
        ArgumentNullException.ThrowIfNull(id);
        var at = id.IndexOf('@', StringComparison.Ordinal);
        family = at > 0 ? id[..at] : string.Empty;
        version = at > 0 ? id[(at + 1)..] : string.Empty;
        return at > 0 && IsFamily(family) && ImageVersionNumber.TryParse(version, out _);
    }

    [GeneratedRegex(FamilyPattern, RegexOptions.CultureInvariant)]
    private static partial Regex Family();
}
