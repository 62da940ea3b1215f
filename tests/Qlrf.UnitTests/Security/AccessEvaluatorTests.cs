using Qlrf.Security;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Security;

public sealed class AccessEvaluatorTests : IDisposable
{
    private readonly TempStore store = new();

    public void Dispose() => store.Dispose();

    private Task BindAsync(string subject, Role role, RoleScope scope) => store.Bindings.AddAsync(new RoleBinding
    {
        Organisation = "acme",
        Id = Guid.NewGuid().ToString(),
        Subject = subject,
        Role = role,
        Scope = scope,
        CreatedAt = store.Time.GetUtcNow(),
        CreatedBy = "system",
    }, default);

    [Fact]
    public async Task A_users_bindings_add_to_the_roles_their_token_carried()
    {
        await BindAsync("erin", Role.Engineer, RoleScope.Environment("staging"));
        var access = new AccessEvaluator(store.Bindings);
        var erin = Principal.User("acme", "erin", [new RoleGrant(Role.Viewer, RoleScope.Organisation)]);

        var resolved = await access.ResolveAsync(erin, default);

        Assert.Equal(["engineer@environment:staging", "viewer@organisation"], resolved.Grants.Select(g => g.ToString()).Order(StringComparer.Ordinal));
        Assert.True(await access.HasPermissionAsync(erin, Permission.ApproveTasks, new AccessScope("acme", null, "staging"), default));
        Assert.False(await access.HasPermissionAsync(erin, Permission.ApproveTasks, new AccessScope("acme", null, "prod"), default));
    }

    [Fact]
    public async Task Approving_a_change_across_environments_needs_the_permission_in_each()
    {
        await BindAsync("erin", Role.Engineer, RoleScope.Environment("staging"));
        await BindAsync("frank", Role.Engineer, RoleScope.Environment("staging"));
        await BindAsync("frank", Role.Engineer, RoleScope.Environment("prod"));
        var access = new AccessEvaluator(store.Bindings);

        Assert.False(await access.HasPermissionInEveryEnvironmentAsync(Principal.User("acme", "erin", []), Permission.ApproveTasks, null, ["staging", "prod"], default));
        Assert.True(await access.HasPermissionInEveryEnvironmentAsync(Principal.User("acme", "frank", []), Permission.ApproveTasks, null, ["staging", "prod"], default));
        Assert.False(await access.HasPermissionInEveryEnvironmentAsync(Principal.User("acme", "frank", []), Permission.ApproveTasks, null, [], default));
    }

    [Fact]
    public async Task An_api_keys_grant_is_its_own_and_bindings_do_not_apply_to_keys()
    {
        await BindAsync("kaaaaaaaaaaaaaaaaaaaa", Role.Admin, RoleScope.Organisation);
        var key = Principal.ApiKey("acme", "kaaaaaaaaaaaaaaaaaaaa", new RoleGrant(Role.Viewer, RoleScope.Organisation));

        var resolved = await new AccessEvaluator(store.Bindings).ResolveAsync(key, default);

        Assert.Equal([new RoleGrant(Role.Viewer, RoleScope.Organisation)], resolved.Grants);
    }
}
