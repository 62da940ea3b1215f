using System.Net;

namespace Qlrf.Ui.Tests;

/// <summary>
/// How the local host serves the Control Tower beside the API: pages and bundle files at one origin, the API's
/// paths untouched (still signed-in only, unknown ones still 404 problems), and without a built UI a page saying
/// how to get it.
/// </summary>
[Collection(UiCollection.Name)]
public sealed class ServingTests(ControlTowerFixture fixture)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/drift")]
    [InlineData("/assets")]
    [InlineData("/rollouts/ro-acme-0123")]
    [InlineData("/images/ubuntu-2204-base%402026.10.1")]
    public async Task Every_page_of_the_app_is_its_index_html_and_never_cached(string path)
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.Address };
        using var response = await anonymous.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>QL-RF Control Tower</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoCache, "index.html must be revalidated");
    }

    [Fact]
    public async Task Bundle_files_are_served_and_cached_for_good_and_a_missing_one_is_404()
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.Address };
        var index = await anonymous.GetStringAsync("/");
        var script = System.Text.RegularExpressions.Regex.Match(index, "src=\"(/static/[^\"]+\\.js)\"").Groups[1].Value;
        Assert.NotEmpty(script);

        using var bundle = await anonymous.GetAsync(script);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), bundle.Headers.CacheControl?.MaxAge);
        using var missing = await anonymous.GetAsync("/static/index-missing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/assets", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/no-such-route", HttpStatusCode.NotFound)]
    [InlineData("/api", HttpStatusCode.NotFound)]
    public async Task The_apis_paths_are_never_the_apps_page(string path, HttpStatusCode status)
    {
        using var anonymous = new HttpClient { BaseAddress = fixture.Host.Address };
        using var response = await anonymous.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.DoesNotContain("QL-RF Control Tower", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_built_UI_the_root_says_how_to_get_it_and_the_api_still_serves()
    {
        var empty = Directory.CreateTempSubdirectory("qlrf-no-ui-");
        try
        {
            await using var host = new UiHost(empty.FullName);
            host.Start();
            using var anonymous = new HttpClient { BaseAddress = host.Address };

            var root = await anonymous.GetStringAsync("/");
            Assert.Contains("the Control Tower web UI has not been built", root, StringComparison.Ordinal);
            Assert.Contains("Install Node.js", root, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/drift")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
            using var api = host.Api(host.BootstrapKey);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/rbac/me")).StatusCode);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
