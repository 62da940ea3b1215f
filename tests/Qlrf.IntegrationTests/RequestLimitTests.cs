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

    [Theory]
    [InlineData("/api/v1/rbac/bindings", """{"subject":{0},"role":"viewer"}""", "subject")]
    [InlineData("/api/v1/dr/pairs", """{"id":"deep","workloads":{"tags":{"tier":{0}}}}""", "workloads.tags.tier")]
    [InlineData("/api/v1/images/depth-a@1.0/vulnerabilities?format=trivy", """{"SchemaVersion":2,"Results":[{"Target":"x","Packages":{0}}]}""", null)]
    public async Task Json_nested_deeper_than_the_limit_gets_a_400_saying_it_is_too_deep_and_naming_the_limit(string path, string template, string? fieldAtLimit)
    {
        using var admin = Host.CreateClient();
        if (path.StartsWith("/api/v1/images/depth-a@1.0/", StringComparison.Ordinal) && (await admin.FetchAsync("/api/v1/images/depth-a@1.0")).Status == HttpStatusCode.NotFound)
        {
            await admin.SendAsync(HttpMethod.Post, "/api/v1/images/families", """{"name": "depth-a", "os": "Debian 12", "owner": "platform"}""");
            await admin.SendAsync(HttpMethod.Post, "/api/v1/images/families/depth-a/versions", """{"version": "1.0", "platforms": {"aws": "ami-0123456789abcdef0"}}""");
        }

        // The placeholder becomes nested arrays, so the whole body is exactly that many levels deep.
        var outer = template[..template.IndexOf("{0}", StringComparison.Ordinal)].Count(c => c is '{' or '[');
        string Nested(int depth) => template.Replace("{0}", new string('[', depth - outer) + new string(']', depth - outer), StringComparison.Ordinal);

        var deep = await admin.SendAsync(HttpMethod.Post, path, Nested(33));
        var atLimit = await admin.SendAsync(HttpMethod.Post, path, Nested(32));

        Assert.Equal(HttpStatusCode.BadRequest, deep.Status);
        Assert.Equal(["body"], deep.Problem!.Errors!.Keys);
        Assert.Equal("body: is too deep: it nests objects and arrays deeper than 32 levels, the limit Qlrf:Api:Limits:MaxJsonDepth sets.", deep.Problem.Detail);
        Assert.DoesNotContain("too deep", atLimit.Body, StringComparison.Ordinal);
        if (fieldAtLimit is not null)
        {
            Assert.Equal(HttpStatusCode.BadRequest, atLimit.Status);
            Assert.True(atLimit.Problem!.Errors!.ContainsKey(fieldAtLimit), atLimit.Body);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, atLimit.Status);
        }
    }

    [Theory]
    [InlineData("/api/v1/dr/pairs", """{"id": "p1", "replication": "async"}""", "replication", "'async' is not one of asynchronous, synchronous, snapshot.")]
    [InlineData("/api/v1/dr/pairs", """{"id": "p1", "schedule": {"cron": "0 0 3 1 * *", "kind": "weekly"}}""", "schedule.kind", "'weekly' is not one of test_failover, planned_failover.")]
    [InlineData("/api/v1/dr/pairs", """{"id": "p1", "rtoTargetSeconds": "fast"}""", "rtoTargetSeconds", "must be a number, found 'fast'.")]
    [InlineData("/api/v1/dr/drills", """{"pairId": "orders-db-aws", "kind": "chaos"}""", "kind", "'chaos' is not one of test_failover, planned_failover.")]
    [InlineData("/api/v1/dr/drills", """{"pairId": "orders-db-aws", "kind": 1}""", "kind", "must be one of test_failover, planned_failover, found 1.")]
    [InlineData("/api/v1/rollouts", """{"target": {"imageFamily": "ubuntu-2204-base", "imageVersion": "2026.10.1"}, "autonomy": "yolo"}""", "autonomy", "'yolo' is not one of approve_all, canary_only, risk_based.")]
    [InlineData("/api/v1/rollouts", """{"target": {"imageFamily": "ubuntu-2204-base", "imageVersion": "2026.10.1"}, "strategy": {"waves": [25, "half"]}}""", "strategy.waves[1]", "must be a whole number, found 'half'.")]
    public async Task A_value_a_field_cannot_take_gets_a_400_naming_the_field_and_what_it_takes(string path, string json, string field, string detail)
    {
        using var admin = Host.CreateClient();

        var reply = await admin.SendAsync(HttpMethod.Post, path, json);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal([detail], reply.Problem!.Errors![field]);
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
            var reply = await admin.SendAsync(new HttpMethod(route.Method), route.Path(p => p == "id" ? new string('x', 600) : null), route.Body);

            Assert.True(reply.Status == HttpStatusCode.BadRequest && reply.Problem!.Errors!.ContainsKey("id"), $"{route}: {(int)reply.Status}");
        }

        Assert.NotEmpty(routes);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
