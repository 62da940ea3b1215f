using System.Net;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

[Collection(IdentityHostCollection.Name)]
public sealed class RbacTests(IdentityHostFixture fixture)
{
    private QlrfHost Host => fixture.Host;

    [Fact]
    public async Task Roles_are_listed_with_the_permissions_each_holds()
    {
        using var viewer = await Host.CreateClientAsAsync(Role.Viewer);

        var roles = (await viewer.FetchAsync("/api/v1/rbac/roles")).Json<List<RoleDto>>();

        Assert.Equal([Role.Viewer, Role.Operator, Role.Engineer, Role.Admin], roles.Select(r => r.Role));
        Assert.Equal(["read:dashboard", "read:drift", "read:assets", "read:images", "export:reports", "read:certificates", "read:evidence-packs", "read:secrets"], roles[0].Permissions);
        Assert.Equal(Enum.GetValues<Permission>().Length, roles[3].Permissions.Count);
    }

    [Fact]
    public async Task A_binding_made_through_the_api_gives_the_user_its_role_until_it_is_removed()
    {
        using var admin = Host.CreateClient();
        using var dave = Host.CreateUserClient("dave");
        Assert.Equal(HttpStatusCode.Forbidden, (await dave.FetchAsync("/api/v1/sites")).Status);

        var created = await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"dave","role":"viewer"}""");
        var binding = created.Json<BindingDto>();

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal($"/api/v1/rbac/bindings/{binding.Id}", created.Response.Headers.Location?.OriginalString);
        Assert.Equal(("dave", Role.Viewer, "organisation"), (binding.Subject, binding.Role, binding.Scope));
        Assert.Equal(HttpStatusCode.OK, (await dave.FetchAsync("/api/v1/sites")).Status);
        Assert.Equal([binding], (await admin.FetchAsync("/api/v1/rbac/bindings?subject=dave")).Json<PageDto<BindingDto>>().Items);
        Assert.Equal(HttpStatusCode.Conflict, (await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"dave","role":"viewer","scope":"organisation"}""")).Status);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/rbac/bindings/{binding.Id}")).Status);

        Assert.Equal(HttpStatusCode.Forbidden, (await dave.FetchAsync("/api/v1/sites")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.FetchAsync($"/api/v1/rbac/bindings/{binding.Id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.SendAsync(HttpMethod.Delete, $"/api/v1/rbac/bindings/{binding.Id}")).Status);
    }

    [Fact]
    public async Task A_method_a_path_does_not_serve_gets_405_with_the_methods_it_does()
    {
        using var viewer = await Host.CreateClientAsAsync(Role.Viewer);
        using var anonymous = Host.CreateAnonymousClient();

        var reply = await viewer.FetchAsync("/api/v1/images/families/ubuntu-2204-base/versions");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, reply.Status);
        Assert.Contains("POST", reply.Response.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.FetchAsync("/api/v1/images/families/ubuntu-2204-base/versions")).Status);
    }

    [Theory]
    [InlineData("""{"role":"viewer"}""", "subject")]
    [InlineData("""{"subject":"","role":"viewer"}""", "subject")]
    [InlineData("""{"subject":12,"role":"viewer"}""", "subject")]
    [InlineData("""{"subject":"x"}""", "role")]
    [InlineData("""{"subject":"x","role":"wizard"}""", "role")]
    [InlineData("""{"subject":"x","role":"viewer","scope":"site:dc-london"}""", "scope")]
    [InlineData("""{"subject":"x","role":"viewer","scope":"environment:Prod"}""", "scope")]
    [InlineData("""{"subject":"x","role":"viewer","scope":"organization"}""", "scope")]
    public async Task A_bad_binding_gets_a_400_naming_the_field(string body, string field)
    {
        using var admin = Host.CreateClient();

        var reply = await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", body);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.Problem!.Errors!.ContainsKey(field), reply.Body);
    }

    [Fact]
    public async Task An_engineer_bound_to_staging_may_approve_in_staging_and_not_in_prod()
    {
        using var admin = Host.CreateClient();
        await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"erin","role":"engineer","scope":"environment:staging"}""");
        var access = Host.Service<IAccessEvaluator>();
        var erin = Principal.User("acme", "erin", []);

        Assert.True(await access.HasPermissionAsync(erin, Permission.ApproveTasks, new AccessScope("acme", "payments", "staging"), default));
        Assert.False(await access.HasPermissionAsync(erin, Permission.ApproveTasks, new AccessScope("acme", "payments", "prod"), default));
        Assert.False(await access.HasPermissionAsync(erin with { Organisation = "globex" }, Permission.ApproveTasks, new AccessScope("globex", null, "staging"), default));
    }

    [Fact]
    public async Task An_admin_bound_to_an_environment_manages_the_bindings_and_keys_of_that_environment_only()
    {
        using var admin = Host.CreateClient();
        var wide = (await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"frank","role":"viewer"}""")).Json<BindingDto>();
        using var stagingAdmin = await Host.CreateClientAsAsync(Role.Admin, scope: RoleScope.Environment("staging"));

        Assert.Equal(HttpStatusCode.Created, (await stagingAdmin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"frank","role":"engineer","scope":"environment:staging"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await stagingAdmin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"frank","role":"engineer","scope":"environment:prod"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await stagingAdmin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"frank","role":"admin"}""")).Status);
        Assert.Equal(HttpStatusCode.Created, (await stagingAdmin.SendAsync(HttpMethod.Post, "/api/v1/api-keys", """{"name":"staging-ci","role":"engineer","scope":"environment:staging"}""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await stagingAdmin.SendAsync(HttpMethod.Post, "/api/v1/api-keys", """{"name":"ci","role":"viewer"}""")).Status);
        Assert.All((await stagingAdmin.FetchAsync("/api/v1/rbac/bindings?limit=500")).Json<PageDto<BindingDto>>().Items, b => Assert.Equal("environment:staging", b.Scope));
        Assert.All((await stagingAdmin.FetchAsync("/api/v1/api-keys?limit=500")).Json<PageDto<ApiKeyDto>>().Items, k => Assert.Equal("environment:staging", k.Scope));
        Assert.Equal(HttpStatusCode.NotFound, (await stagingAdmin.FetchAsync($"/api/v1/rbac/bindings/{wide.Id}")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await stagingAdmin.FetchAsync("/api/v1/assets")).Status);
        Assert.Equal(HttpStatusCode.OK, (await stagingAdmin.FetchAsync("/api/v1/rbac/me")).Status);
    }
}

public sealed record RoleDto(Role Role, List<string> Permissions);
