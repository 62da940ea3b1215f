using System.Net;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests;

[Collection(IdentityHostCollection.Name)]
public sealed class RequestLimitTests(IdentityHostFixture fixture)
{
    private QlrfHost Host => fixture.Host;

    [Fact]
    public async Task A_body_over_one_megabyte_gets_413_whether_its_length_is_declared_or_not()
    {
        using var admin = Host.CreateClient();
        var tooLarge = new string(' ', 1_048_577);

        var declared = await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", tooLarge);
        using var undeclared = new StreamContent(new NonSeekableStream(System.Text.Encoding.UTF8.GetBytes(tooLarge)));
        undeclared.Headers.ContentType = new("application/json");
        var chunked = await admin.PostAsync("/api/v1/rbac/bindings", undeclared);
        var atLimit = await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", new string(' ', 1_048_576));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.Status);
        Assert.Equal(413, declared.Problem!.Status);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, atLimit.Status);
    }

    [Fact]
    public async Task Json_nested_deeper_than_the_limit_gets_a_400_naming_the_body()
    {
        using var admin = Host.CreateClient();
        static string Nested(int depth) => $$"""{"subject":{{new string('[', depth - 1)}}{{new string(']', depth - 1)}},"role":"viewer"}""";

        var deep = await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", Nested(33));
        var atLimit = await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", Nested(32));

        Assert.Equal(HttpStatusCode.BadRequest, deep.Status);
        Assert.Equal(["body"], deep.Problem!.Errors!.Keys);
        Assert.Contains("deeper than 32", deep.Problem.Detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, atLimit.Status);
        Assert.Equal(["subject"], atLimit.Problem!.Errors!.Keys);
    }

    [Theory]
    [InlineData("/api/v1/api-keys/not-a-key", "id")]
    [InlineData("/api/v1/rbac/bindings/not-a-binding", "id")]
    [InlineData("/api/v1/audit?outcome=maybe", "outcome")]
    [InlineData("/api/v1/rbac/bindings?subject=a&subject=b", "subject")]
    [InlineData("/api/v1/api-keys?limit=0", "limit")]
    [InlineData("/api/v1/assets?state=on", "state")]
    public async Task Malformed_ids_and_enums_get_a_400_naming_the_field(string path, string field)
    {
        using var admin = Host.CreateClient();

        var reply = await admin.FetchAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.True(reply.Problem!.Errors!.ContainsKey(field), reply.Body);
    }

    [Fact]
    public async Task An_id_no_resource_could_have_gets_a_400_naming_it_on_every_route()
    {
        using var admin = Host.CreateClient();
        var routes = Host.Routes().Where(r => r.Pattern.Contains("{id}", StringComparison.Ordinal) && !r.IsPublic).ToList();

        foreach (var route in routes)
        {
            var reply = await admin.SendAsync(new HttpMethod(route.Method), route.Path(_ => new string('x', 600)), route.Body);

            Assert.True(reply.Status == HttpStatusCode.BadRequest && reply.Problem!.Errors!.ContainsKey("id"), $"{route}: {(int)reply.Status}");
        }

        Assert.NotEmpty(routes);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
