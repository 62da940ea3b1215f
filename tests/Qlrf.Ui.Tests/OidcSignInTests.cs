using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace Qlrf.Ui.Tests;

/// <summary>
/// OpenID Connect sign-in where it is configured: a host that trusts a loopback issuer, and the UI signing in there
/// with the authorization-code flow and PKCE, then calling the API with the issuer's access token.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class OidcSignInTests(ControlTowerFixture fixture)
{
    [Fact]
    public async Task Signing_in_with_the_OIDC_issuer_uses_the_code_flow_with_PKCE_and_shows_the_users_role()
    {
        await using var issuer = await LoopbackOidcProvider.StartAsync("alice@example.test", "default", ["engineer"]);
        await using var host = new UiHost(overrides: new Dictionary<string, string?>
        {
            ["Qlrf:Identity:Jwt:Authority"] = issuer.Issuer,
            ["Qlrf:Identity:Jwt:Audience"] = LoopbackOidcProvider.Audience,
            ["Qlrf:Identity:Jwt:RequireHttpsMetadata"] = "false",
            ["Qlrf:Ui:Oidc:ClientId"] = LoopbackOidcProvider.ClientId,
            ["Qlrf:Ui:Oidc:Scopes"] = "openid profile " + LoopbackOidcProvider.ApiScope,
            ["Qlrf:Ui:Oidc:DisplayName"] = "Sign in with single sign-on",
            ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false",
        });
        host.Start();
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();

        // A deep link: the sign-in page offers the issuer beside the API key, and brings the user back here.
        await page.GotoAsync("/drift");
        await page.Locator("[data-testid=sign-in][data-ways='oidc api-key']").WaitForAsync();
        var single = page.GetByRole(AriaRole.Button, new() { Name = "Sign in with single sign-on" });
        Assert.Equal(1, await page.GetByLabel("API key").CountAsync());
        await Browser.ScreenshotAsync(page, "sign-in-oidc");
        await Browser.AssertAccessibleAsync(page, "the sign-in page with single sign-on");
        Assert.Empty(issuer.AuthorizeRequests);

        await single.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();

        Assert.Equal("user:alice@example.test · default · engineer", await page.GetByTestId("signed-in-as").TextContentAsync());
        Assert.Equal("/drift", new Uri(page.Url).PathAndQuery);
        Assert.Equal(["S256"], issuer.AuthorizeRequests);
        Assert.Equal(["issued"], issuer.TokenRequests);
        Assert.Equal(0, await page.GetByRole(AriaRole.Link, new() { Name = "Audit", Exact = true }).CountAsync());

        // The tab's credential is the issuer's access token, and the API signs its holder in as that user.
        var token = await page.EvaluateAsync<string>("() => sessionStorage.getItem('qlrf.credential')");
        Assert.Equal(3, token.Split('.').Length);
        var me = await host.GetAsync(token, "/api/v1/rbac/me");
        Assert.Equal(("user:alice@example.test", "default", "engineer"),
            (me["actor"]!.GetValue<string>(), me["organisation"]!.GetValue<string>(), me["grants"]![0]!["role"]!.GetValue<string>()));
        Assert.Single(me["grants"]!.AsArray());
        await Browser.AssertAccessibleAsync(page, "the drift page signed in with single sign-on");
        await Browser.ScreenshotAsync(page, "signed-in-oidc");

        // Signing out forgets the token; API keys still sign in on the same page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('qlrf.credential')"));
        await page.GetByLabel("API key").FillAsync(host.BootstrapKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        Assert.Contains("admin", await page.GetByTestId("signed-in-as").TextContentAsync(), StringComparison.Ordinal);
        await context.DisposeAsync();
    }

    [Fact]
    public async Task Without_OIDC_configured_the_sign_in_page_offers_API_keys_only()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Host.Address.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("[data-testid=sign-in][data-ways=api-key]").WaitForAsync();
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.Address };
        Assert.Null(JsonNode.Parse(await anonymous.GetStringAsync("/api/v1/ui/config"))!["oidc"]);

        Assert.Equal(0, await page.GetByTestId("oidc-sign-in").CountAsync());
        Assert.Equal(["Sign in"], await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).AllTextContentsAsync());
        await context.DisposeAsync();
    }
}
