namespace Qlrf.Security;

/// <summary>A role held at a scope: from a token's role claims, an API key, or a role binding.</summary>
public sealed record RoleGrant(Role Role, RoleScope Scope)
{
    public override string ToString() => $"{Json.EnumText<Role>.Of(Role)}@{Scope}";

    public static bool TryParse(string? text, out RoleGrant grant)
    {
        grant = null!;
        var at = text?.IndexOf('@', StringComparison.Ordinal) ?? -1;
        if (at <= 0 || !Json.EnumText<Role>.TryParse(text![..at], out var role) || !RoleScope.TryParse(text[(at + 1)..], out var scope))
        {
            return false;
        }

        grant = new RoleGrant(role, scope);
        return true;
    }
}
