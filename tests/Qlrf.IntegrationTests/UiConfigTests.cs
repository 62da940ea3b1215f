using System.Net;
using Microsoft.Extensions.Options;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests;

/// <summary>GET /api/v1/ui/config: what the Control Tower's sign-in page reads before anyone signs in.</summary>
public sealed class UiConfigTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private QlrfHost NewHost(Dictionary<string, string?> settings)
    {
        settings["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false";
        return new QlrfHost(directory, settings);
    }

    [Fact]
    public async Task Without_OIDC_configured_for_the_UI_it_answers_anyone_that_only_API_keys_sign_in()
    {
        await using var host = NewHost([]);
        using var anonymous = host.CreateAnonymousClient();

        var reply = await anonymous.FetchAsync("/api/v1/ui/config");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("{}", reply.Body);
    }

    [Fact]
    public async Task With_OIDC_configured_it_names_the_issuer_client_and_scopes_and_nothing_else()
    {
        await using var host = NewHost(new()
        {
            ["Qlrf:Ui:Oidc:Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-00000000abcd/v2.0",
            ["Qlrf:Ui:Oidc:ClientId"] = "6f1c0d4e-0000-4c1e-8f0a-2b6d3e4f5a6b",
            ["Qlrf:Ui:Oidc:Scopes"] = "openid profile api://qlrf-test/access_as_user",
        });
        using var anonymous = host.CreateAnonymousClient();

        var reply = await anonymous.FetchAsync("/api/v1/ui/config");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal(
            """{"oidc":{"authority":"https://login.microsoftonline.com/00000000-0000-0000-0000-00000000abcd/v2.0","clientId":"6f1c0d4e-0000-4c1e-8f0a-2b6d3e4f5a6b","scopes":"openid profile api://qlrf-test/access_as_user","displayName":"Sign in with Entra ID"}}""",
            reply.Body);
    }

    [Theory]
    [InlineData("http://login.example/tenant", "openid profile", "Qlrf:Ui:Oidc:Authority must be an absolute https URL")]
    [InlineData("https://login.example/tenant", "profile email", "Qlrf:Ui:Oidc:Scopes must include openid")]
    public async Task A_UI_sign_in_setting_it_cannot_use_fails_start_up_naming_it(string authority, string scopes, string message)
    {
        var host = NewHost(new() { ["Qlrf:Ui:Oidc:ClientId"] = "control-tower", ["Qlrf:Ui:Oidc:Authority"] = authority, ["Qlrf:Ui:Oidc:Scopes"] = scopes });

        var ex = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        try
        {
            await host.DisposeAsync();
        }
        catch (ArgumentNullException)
        {
        }
    }
}
