using System.Text.Json;
using Microsoft.Playwright;

namespace Qlrf.Ui.Tests;

/// <summary>What every browser test does: open a signed-in tab, check a page with axe-core, save a screenshot.</summary>
public static class Browser
{
    private static readonly Lazy<string> AxeScript = new(() =>
        File.ReadAllText(Path.Combine(UiHost.RepositoryRoot, "ui", "control-tower", "node_modules", "axe-core", "axe.min.js")));

    /// <summary>A new tab of its own (its own sessionStorage), signed in through the sign-in form with <paramref name="key"/>.</summary>
    public static async Task<IPage> SignInAsync(ControlTowerFixture fixture, string key)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Host.Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1400, Height = 1000 },
        });
        context.SetDefaultTimeout(60_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).WaitForAsync();
        return page;
    }

    /// <summary>Runs axe-core on the page as it is and fails on any serious or critical violation, naming each.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string what)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.AddScriptTagAsync(new() { Content = AxeScript.Value });
        var json = await page.EvaluateAsync<string>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return JSON.stringify(r.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) })));
            }
            """);
        using var violations = JsonDocument.Parse(json);
        Assert.True(violations.RootElement.GetArrayLength() == 0, $"axe-core on {what}: {json}");
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new() { Path = Path.Combine(ControlTowerFixture.Screenshots, name + ".png"), FullPage = true });
    }

    /// <summary>Picks <paramref name="option"/> in a Mantine select or multi-select labelled <paramref name="label"/>.</summary>
    public static async Task ChooseAsync(IPage page, string label, string option)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator("input").And(page.GetByLabel(label)).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await page.Keyboard.PressAsync("Escape");
    }
}
