using Qlrf.Security;

namespace Qlrf.UnitTests.Security;

public sealed class RoleScopeTests
{
    [Theory]
    [InlineData("organisation")]
    [InlineData("project:payments")]
    [InlineData("environment:staging")]
    [InlineData("environment:eu-west.1_b")]
    public void A_scope_reads_back_as_written(string text)
    {
        Assert.True(RoleScope.TryParse(text, out var scope));
        Assert.Equal(text, scope.ToString());
        Assert.Equal(scope, RoleScope.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("org")]
    [InlineData("Organisation")]
    [InlineData("project:")]
    [InlineData("environment:Prod")]
    [InlineData("site:dc-london")]
    [InlineData(":prod")]
    [InlineData("environment:prod:eu")]
    [InlineData("environment:-prod")]
    public void Anything_else_is_not_a_scope(string? text) => Assert.False(RoleScope.TryParse(text, out _));

    [Fact]
    public void Grants_are_written_role_at_scope()
    {
        var grant = new RoleGrant(Role.Engineer, RoleScope.Environment("staging"));

        Assert.Equal("engineer@environment:staging", grant.ToString());
        Assert.True(RoleGrant.TryParse(grant.ToString(), out var back));
        Assert.Equal(grant, back);
        Assert.False(RoleGrant.TryParse("wizard@organisation", out _));
    }
}
