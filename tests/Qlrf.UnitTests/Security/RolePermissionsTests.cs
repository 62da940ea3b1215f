using Qlrf.Security;

namespace Qlrf.UnitTests.Security;

public sealed class RolePermissionsTests
{
    /// <summary>The matrix as the identity issue writes it; admin holds every permission, including any added later.</summary>
    public static TheoryData<Role, string[]> Matrix => new()
    {
        { Role.Viewer, ["read:dashboard", "read:drift", "read:assets", "read:images", "export:reports", "read:certificates", "read:evidence-packs", "read:secrets"] },
        { Role.Operator, ["read:dashboard", "read:drift", "read:assets", "read:images", "export:reports", "read:certificates", "read:evidence-packs", "read:secrets", "trigger:drill", "acknowledge:alerts", "execute:tasks", "execute:ai-tasks"] },
        {
            Role.Engineer,
            ["read:dashboard", "read:drift", "read:assets", "read:images", "export:reports", "read:certificates", "read:evidence-packs", "read:secrets", "trigger:drill", "acknowledge:alerts", "execute:tasks", "execute:ai-tasks",
             "execute:rollout", "manage:images", "apply:patches", "approve:tasks", "rotate:certificates", "approve:ai-tasks", "export:evidence-packs", "rotate:secrets"]
        },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Each_role_holds_exactly_the_permissions_of_the_matrix(Role role, string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), RolePermissions.Of(role).Select(PermissionNames.Of).Order(StringComparer.Ordinal));

    [Fact]
    public void Admin_holds_every_permission() =>
        Assert.Equal(Enum.GetValues<Permission>().Order(), RolePermissions.Of(Role.Admin).Order());

    [Fact]
    public void Only_admin_manages_rbac_configures_integrations_approves_exceptions_and_reads_the_audit_log()
    {
        foreach (var permission in new[] { Permission.ManageRbac, Permission.ConfigureIntegrations, Permission.ApproveExceptions, Permission.ReadAudit })
        {
            Assert.Equal([Role.Admin], Enum.GetValues<Role>().Where(r => RolePermissions.Has(r, permission)));
        }
    }

    [Fact]
    public void Each_role_holds_everything_the_role_below_it_holds()
    {
        var roles = Enum.GetValues<Role>();
        for (var i = 1; i < roles.Length; i++)
        {
            Assert.Superset(RolePermissions.Of(roles[i - 1]).ToHashSet(), RolePermissions.Of(roles[i]).ToHashSet());
        }
    }

    [Fact]
    public void Permissions_are_written_verb_colon_noun()
    {
        Assert.Equal("read:audit", PermissionNames.Of(Permission.ReadAudit));
        Assert.True(PermissionNames.TryParse("manage:rbac", out var p));
        Assert.Equal(Permission.ManageRbac, p);
    }
}
