using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Qlrf.Security;

/// <summary>How far a role reaches inside an organisation: all of it, one project, or one environment.</summary>
public enum ScopeLevel
{
    Organisation,
    Project,
    Environment,
}

/// <summary>
/// Where a role applies. Written <c>organisation</c>, <c>project:payments</c> or <c>environment:staging</c>
/// (see <see cref="ToString"/> and <see cref="TryParse"/>).
/// </summary>
public sealed partial record RoleScope
{
    /// <summary>Project and environment names: lower-case letters, digits, dots, dashes and underscores.</summary>
    public const string NamePattern = "^[a-z0-9][a-z0-9._-]{0,62}$";

    private RoleScope(ScopeLevel level, string? name) => (Level, Name) = (level, name);

    public static RoleScope Organisation { get; } = new(ScopeLevel.Organisation, null);

    public ScopeLevel Level { get; }

    /// <summary>The project or environment; null for the whole organisation.</summary>
    public string? Name { get; }

    public static RoleScope Project(string name) => new(ScopeLevel.Project, CheckName(name));

    public static RoleScope Environment(string name) => new(ScopeLevel.Environment, CheckName(name));

    public static bool IsValidName([NotNullWhen(true)] string? name) => name is not null && Slug().IsMatch(name);

    /// <summary>Does this scope reach the target? The organisation reaches everything in it; a project or environment reaches targets in it.</summary>
    public bool Covers(AccessScope target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Level switch
        {
            ScopeLevel.Organisation => true,
            ScopeLevel.Project => target.Project == Name,
            ScopeLevel.Environment => target.Environment == Name,
            _ => false,
        };
    }

    public override string ToString() => Level switch
    {
        ScopeLevel.Project => "project:" + Name,
        ScopeLevel.Environment => "environment:" + Name,
        _ => "organisation",
    };

    public static bool TryParse(string? text, [NotNullWhen(true)] out RoleScope? scope)
    {
        scope = null;
        if (text == "organisation")
        {
            scope = Organisation;
            return true;
        }

        var colon = text?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0)
        {
            return false;
        }

        var (level, name) = (text![..colon], text[(colon + 1)..]);
        if (!IsValidName(name))
        {
            return false;
        }

        scope = level switch
        {
            "project" => Project(name),
            "environment" => Environment(name),
            _ => null,
        };
        return scope is not null;
    }

    public static RoleScope Parse(string text) =>
        TryParse(text, out var scope) ? scope : throw new FormatException($"'{text}' is not organisation, project:<name> or environment:<name>.");

    private static string CheckName(string name) =>
        IsValidName(name) ? name : throw new ArgumentException($"'{name}' is not a project or environment name.", nameof(name));

    [GeneratedRegex(NamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex Slug();
}
