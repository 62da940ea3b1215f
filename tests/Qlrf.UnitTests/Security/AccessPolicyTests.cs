using Qlrf.Security;

namespace Qlrf.UnitTests.Security;

public sealed class AccessPolicyTests
{
    private static Principal User(params RoleGrant[] grants) => Principal.User("acme", "alice", grants);

    [Fact]
    public void An_engineer_bound_to_staging_cannot_approve_a_change_to_prod()
    {
        var engineer = User(new RoleGrant(Role.Engineer, RoleScope.Environment("staging")));

        Assert.True(AccessPolicy.Allows(engineer, Permission.ApproveTasks, new AccessScope("acme", "payments", "staging")));
        Assert.False(AccessPolicy.Allows(engineer, Permission.ApproveTasks, new AccessScope("acme", "payments", "prod")));
        Assert.False(AccessPolicy.Allows(engineer, Permission.ApproveTasks, AccessScope.Of("acme")));
    }

    [Fact]
    public void A_project_binding_reaches_every_environment_of_that_project_only()
    {
        var engineer = User(new RoleGrant(Role.Engineer, RoleScope.Project("payments")));

        Assert.True(AccessPolicy.Allows(engineer, Permission.ExecuteRollout, new AccessScope("acme", "payments", "prod")));
        Assert.False(AccessPolicy.Allows(engineer, Permission.ExecuteRollout, new AccessScope("acme", "storefront", "prod")));
    }

    [Fact]
    public void An_organisation_grant_reaches_everything_in_the_organisation_and_nothing_outside()
    {
        var admin = User(new RoleGrant(Role.Admin, RoleScope.Organisation));

        Assert.True(AccessPolicy.Allows(admin, Permission.ApproveExceptions, new AccessScope("acme", "payments", "prod")));
        Assert.False(AccessPolicy.Allows(admin, Permission.ReadAssets, AccessScope.Of("globex")));
    }

    [Fact]
    public void The_role_must_hold_the_permission_wherever_the_scope_reaches()
    {
        var viewer = User(new RoleGrant(Role.Viewer, RoleScope.Organisation), new RoleGrant(Role.Engineer, RoleScope.Environment("dev")));

        Assert.True(AccessPolicy.Allows(viewer, Permission.ReadAssets, new AccessScope("acme", null, "prod")));
        Assert.False(AccessPolicy.Allows(viewer, Permission.ExecuteRollout, new AccessScope("acme", null, "prod")));
        Assert.True(AccessPolicy.HoldsAnywhere(viewer, Permission.ExecuteRollout));
        Assert.False(AccessPolicy.HoldsAnywhere(viewer, Permission.ManageRbac));
    }

    [Fact]
    public void An_admin_bound_to_an_environment_manages_that_environment_only()
    {
        var admin = User(new RoleGrant(Role.Admin, RoleScope.Environment("staging")));

        Assert.True(AccessPolicy.Manages(admin, Permission.ManageRbac, RoleScope.Environment("staging")));
        Assert.False(AccessPolicy.Manages(admin, Permission.ManageRbac, RoleScope.Environment("prod")));
        Assert.False(AccessPolicy.Manages(admin, Permission.ManageRbac, RoleScope.Organisation));
        Assert.False(AccessPolicy.Manages(admin, Permission.ManageRbac, RoleScope.Project("staging")));
    }

    [Fact]
    public void Permissions_at_a_scope_are_listed_in_declaration_order() =>
        Assert.Equal(
            [Permission.ReadDashboard, Permission.ReadDrift, Permission.ReadAssets, Permission.ReadImages, Permission.ExportReports, Permission.ReadCertificates, Permission.ReadEvidencePacks, Permission.ReadSecrets],
            AccessPolicy.PermissionsAt(User(new RoleGrant(Role.Viewer, RoleScope.Organisation)), AccessScope.Of("acme")));
}
