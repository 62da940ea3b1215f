using Qlrf.Errors;
using Qlrf.Security;

namespace Qlrf.UnitTests.Store;

/// <summary>The identity stores' contract, run against the embedded store and the Table Storage adapters.</summary>
public abstract class IdentityStoresContract(IApiKeyStore apiKeys, IRoleBindingStore bindings, TimeProvider time)
{
    private readonly (IApiKeyStore ApiKeys, IRoleBindingStore Bindings) store = (apiKeys, bindings);

    private DateTimeOffset Now => time.GetUtcNow();

    private ApiKey Key(string id, Role role = Role.Admin, RoleScope? scope = null, string org = "acme", TimeSpan? life = null) => new()
    {
        Organisation = org,
        Id = id,
        Name = "ci",
        Role = role,
        Scope = scope ?? RoleScope.Organisation,
        SecretHash = new string('a', 64),
        CreatedAt = Now,
        CreatedBy = "system",
        ExpiresAt = Now + (life ?? TimeSpan.FromDays(1)),
    };

    private RoleBinding Binding(string subject, Role role, RoleScope scope, string org = "acme") => new()
    {
        Organisation = org,
        Id = Guid.CreateVersion7(Now).ToString(),
        Subject = subject,
        Role = role,
        Scope = scope,
        CreatedAt = Now,
        CreatedBy = "key:k1",
    };

    [Fact]
    public async Task A_key_reads_back_and_is_found_only_in_its_organisation()
    {
        var key = Key("kaaaaaaaaaaaaaaaaaaaa", Role.Engineer, RoleScope.Environment("staging"));
        await store.ApiKeys.AddAsync(key, default);

        Assert.Equal(key, await store.ApiKeys.GetAsync("acme", key.Id, default));
        Assert.Null(await store.ApiKeys.GetAsync("globex", key.Id, default));
        await Assert.ThrowsAsync<ConflictException>(() => store.ApiKeys.AddAsync(key, default));
    }

    [Fact]
    public async Task Revoking_keeps_the_first_revocation()
    {
        await store.ApiKeys.AddAsync(Key("kaaaaaaaaaaaaaaaaaaaa"), default);

        var first = await store.ApiKeys.RevokeAsync("acme", "kaaaaaaaaaaaaaaaaaaaa", Now, "key:k1", default);
        var second = await store.ApiKeys.RevokeAsync("acme", "kaaaaaaaaaaaaaaaaaaaa", Now.AddHours(1), "key:k2", default);

        Assert.Equal((Now, "key:k1"), (first!.RevokedAt, first.RevokedBy));
        Assert.Equal(first, second);
        Assert.Null(await store.ApiKeys.RevokeAsync("globex", "kaaaaaaaaaaaaaaaaaaaa", Now, "key:k1", default));
    }

    [Fact]
    public async Task Only_an_unrevoked_unexpired_organisation_wide_admin_key_counts_as_an_admin()
    {
        await store.ApiKeys.AddAsync(Key("kaaaaaaaaaaaaaaaaaaab", Role.Engineer), default);
        await store.ApiKeys.AddAsync(Key("kaaaaaaaaaaaaaaaaaaac", Role.Admin, RoleScope.Environment("dev")), default);
        await store.ApiKeys.AddAsync(Key("kaaaaaaaaaaaaaaaaaaad", Role.Admin, life: TimeSpan.FromMinutes(1)), default);
        await store.ApiKeys.AddAsync(Key("kaaaaaaaaaaaaaaaaaaae", Role.Admin), default);
        await store.ApiKeys.RevokeAsync("acme", "kaaaaaaaaaaaaaaaaaaae", Now, "key:k1", default);

        Assert.True(await store.ApiKeys.HasActiveAdminAsync("acme", Now, default));
        Assert.False(await store.ApiKeys.HasActiveAdminAsync("acme", Now.AddMinutes(2), default));
        Assert.False(await store.ApiKeys.HasActiveAdminAsync("globex", Now, default));
    }

    [Fact]
    public async Task Keys_page_in_id_order()
    {
        foreach (var c in "edcba")
        {
            await store.ApiKeys.AddAsync(Key("kaaaaaaaaaaaaaaaaaaa" + c), default);
        }

        var first = await store.ApiKeys.ListAsync("acme", 3, null, default);
        var second = await store.ApiKeys.ListAsync("acme", 3, first.NextCursor, default);

        Assert.Equal("abc", string.Concat(first.Items.Select(k => k.Id[^1])));
        Assert.Equal("de", string.Concat(second.Items.Select(k => k.Id[^1])));
        Assert.Null(second.NextCursor);
    }

    [Fact]
    public async Task A_subject_holds_a_role_at_a_scope_once()
    {
        await store.Bindings.AddAsync(Binding("alice", Role.Engineer, RoleScope.Environment("staging")), default);
        await store.Bindings.AddAsync(Binding("alice", Role.Viewer, RoleScope.Organisation), default);
        await store.Bindings.AddAsync(Binding("alice", Role.Engineer, RoleScope.Environment("staging"), "globex"), default);

        await Assert.ThrowsAsync<ConflictException>(() => store.Bindings.AddAsync(Binding("alice", Role.Engineer, RoleScope.Environment("staging")), default));
        var mine = await store.Bindings.ListForSubjectAsync("acme", "alice", default);
        Assert.Equal(["engineer@environment:staging", "viewer@organisation"], mine.Select(b => b.Grant.ToString()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Bindings_are_listed_by_subject_deleted_once_and_counted_as_admins_only_organisation_wide()
    {
        var scoped = Binding("bob", Role.Admin, RoleScope.Project("payments"));
        await store.Bindings.AddAsync(scoped, default);
        await store.Bindings.AddAsync(Binding("carol", Role.Viewer, RoleScope.Organisation), default);
        Assert.False(await store.Bindings.HasOrganisationAdminAsync("acme", default));

        var wide = Binding("dave", Role.Admin, RoleScope.Organisation);
        await store.Bindings.AddAsync(wide, default);

        Assert.True(await store.Bindings.HasOrganisationAdminAsync("acme", default));
        Assert.Equal([scoped], (await store.Bindings.ListAsync("acme", "bob", 10, null, default)).Items);
        Assert.Equal(3, (await store.Bindings.ListAsync("acme", null, 10, null, default)).Items.Count);
        Assert.Equal(scoped, await store.Bindings.GetAsync("acme", scoped.Id, default));
        Assert.True(await store.Bindings.DeleteAsync("acme", wide.Id, default));
        Assert.False(await store.Bindings.DeleteAsync("acme", wide.Id, default));
        Assert.False(await store.Bindings.HasOrganisationAdminAsync("acme", default));
    }
}
