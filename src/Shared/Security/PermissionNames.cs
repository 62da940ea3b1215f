using System.Collections.Frozen;
using System.Text;

namespace Qlrf.Security;

/// <summary>The written form of permissions: <c>read:assets</c> for <see cref="Permission.ReadAssets"/>.</summary>
public static class PermissionNames
{
    private static readonly FrozenDictionary<Permission, string> Names =
        Enum.GetValues<Permission>().ToFrozenDictionary(p => p, Write);

    private static readonly FrozenDictionary<string, Permission> Values =
        Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Of(Permission permission) => Names[permission];

    public static bool TryParse(string? text, out Permission permission)
    {
        permission = default;
        return text is not null && Values.TryGetValue(text, out permission);
    }

    private static string Write(Permission permission)
    {
        // ReadAssets -> read:assets; ConfigureIntegrations -> configure:integrations; ExecuteAiTasks -> execute:ai-tasks
        var name = permission.ToString();
        var split = 1;
        while (split < name.Length && !char.IsUpper(name[split]))
        {
            split++;
        }

        var builder = new StringBuilder(name.Length + 1);
        builder.Append(char.ToLowerInvariant(name[0])).Append(name, 1, split - 1).Append(':');
        for (var i = split; i < name.Length; i++)
        {
            if (i > split && char.IsUpper(name[i]))
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
