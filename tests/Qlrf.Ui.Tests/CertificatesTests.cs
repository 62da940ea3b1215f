using System.Globalization;
using Microsoft.Playwright;

namespace Qlrf.Ui.Tests;

/// <summary>The certificates in the browser: the sandbox's certificate that expires in days, from the overview to its blast radius.</summary>
[Collection(UiCollection.Name)]
public sealed class CertificatesTests(ControlTowerFixture fixture)
{
    /// <summary>The sample PKI's certificate issued for 5 days (samples/certificates.yaml).</summary>
    private const string Expiring = "sandbox:shop-web";

    [Fact]
    public async Task The_certificates_page_shows_the_sandboxs_expiring_certificate()
    {
        await ControlTowerFixture.WaitAsync(async () => (await fixture.GetAsync("/api/v1/certificates/summary"))["total"]!.GetValue<int>() > 0, "the certificate sweep");
        var summary = await fixture.GetAsync("/api/v1/certificates/summary");
        var soon = (await fixture.GetAsync("/api/v1/certificates?expiringWithinDays=7&limit=500"))["items"]!.AsArray();
        var shop = Assert.Single(soon, c => c!["certificate"]!["id"]!.GetValue<string>() == Expiring)!;

        // The overview lists it among the certificates expiring soon.
        var page = await Browser.SignInAsync(fixture, fixture.Host.BootstrapKey);
        await page.Locator($"[data-testid=expiring-certificate][data-id='{Expiring}']").WaitForAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Certificates", Exact = true }).ClickAsync();
        var within7 = page.GetByTestId("bucket-within7Days");
        await ControlTowerFixture.WaitAsync(async () => await within7.TextContentAsync() != "—", "the summary");
        Assert.Equal(summary["within7Days"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), await within7.TextContentAsync());
        Assert.Equal(summary["total"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), await page.GetByTestId("bucket-total").TextContentAsync());

        await Browser.ChooseAsync(page, "Expiring", "Within 7 days");
        var rows = page.GetByTestId("certificate-row");
        await ControlTowerFixture.WaitAsync(async () => new Uri(page.Url).Query.Contains("expiringWithinDays=7", StringComparison.Ordinal) && await rows.CountAsync() == soon.Count,
            $"the {soon.Count} certificates expiring within 7 days");
        var row = page.Locator($"[data-testid=certificate-row][data-id='{Expiring}']");
        Assert.Equal(shop["daysLeft"]!.GetValue<int>().ToString(CultureInfo.InvariantCulture), await row.GetByTestId("days-left").TextContentAsync());
        Assert.InRange(shop["daysLeft"]!.GetValue<int>(), 0, 6);
        await Browser.ScreenshotAsync(page, "certificates");
        await Browser.AssertAccessibleAsync(page, "the certificates page");

        // Its page: what uses it (the blast radius) and its alert.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        var usage = await fixture.GetAsync("/api/v1/certificates/" + Uri.EscapeDataString(Expiring) + "/usage");
        var usages = page.GetByTestId("certificate-usage");
        await ControlTowerFixture.WaitAsync(async () => await usages.CountAsync() == usage["usages"]!.AsArray().Count, "the certificate's usages");
        Assert.StartsWith($"{usage["total"]} usages", await page.GetByTestId("blast-radius").TextContentAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByTestId("certificate-alert").CountAsync() >= 1, "the expiring certificate shows its alert");
        await Browser.ScreenshotAsync(page, "certificate");
        await Browser.AssertAccessibleAsync(page, "a certificate's page");
    }
}
