using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qlrf.Audit;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

/// <summary>One host for the audit tests, nothing swept at start-up; each test makes entries of its own to look for.</summary>
public sealed class AuditHostFixture : IAsyncLifetime
{
    public HostDirectory Directory { get; } = new();

    public QlrfHost Host { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Host = new QlrfHost(Directory, new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Directory.Dispose();
    }

    public static async Task<List<AuditEntryDto>> EntriesAsync(QlrfHost host, string query = "")
    {
        using var admin = host.CreateClient();
        return (await admin.FetchAsync("/api/v1/audit?limit=500&" + query)).Json<PageDto<AuditEntryDto>>().Items;
    }
}

public sealed class AuditTests(AuditHostFixture fixture) : IClassFixture<AuditHostFixture>
{
    private QlrfHost Host => fixture.Host;

    private string AdminActor => "key:" + Host.AdminKey.Split('_')[2];

    private Task<List<AuditEntryDto>> EntriesAsync(string query = "") => AuditHostFixture.EntriesAsync(Host, query);

    [Fact]
    public async Task A_mutating_call_is_audited_with_who_what_target_outcome_request_source_and_details()
    {
        using var admin = Host.CreateClient();
        var created = await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"audited-alice","role":"engineer","scope":"environment:staging"}""");
        var binding = created.Json<BindingDto>();

        var entry = Assert.Single(await EntriesAsync($"target=/api/v1/rbac/bindings/{binding.Id}"));

        Assert.Equal(("acme", AdminActor, "CreateRoleBinding", AuditOutcome.Success), (entry.Organisation, entry.Actor, entry.Action, entry.Outcome));
        Assert.NotEmpty(entry.RequestId);
        Assert.Equal("audited-alice", entry.Details["subject"]);
        Assert.Equal("engineer", entry.Details["role"]);
        Assert.Equal("environment:staging", entry.Details["scope"]);
        Assert.Equal(("POST", "api/v1/rbac/bindings", "201"), (entry.Details["method"], entry.Details["route"], entry.Details["status"]));
        Assert.Equal(64, entry.Hash.Length);
        Assert.True(Math.Abs((entry.Time - TimeProvider.System.GetUtcNow()).TotalMinutes) < 5);
    }

    [Fact]
    public async Task Refused_and_failed_mutations_are_audited_and_reads_are_not()
    {
        using var viewer = await Host.CreateClientAsAsync(Role.Viewer);
        using var admin = Host.CreateClient();
        using var anonymous = Host.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"refused","role":"admin"}""")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"failed","role":"root"}""")).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.SendAsync(HttpMethod.Delete, "/api/v1/api-keys/kaaaaaaaaaaaaaaaaaaaa")).Status);
        Assert.Equal(HttpStatusCode.OK, (await admin.FetchAsync("/api/v1/assets")).Status);

        var entries = await EntriesAsync();

        Assert.Contains(entries, e => e.Action == "CreateRoleBinding" && e.Outcome == AuditOutcome.Denied && e.Actor.StartsWith("key:", StringComparison.Ordinal) && e.Actor != AdminActor);
        Assert.Contains(entries, e => e.Action == "CreateRoleBinding" && e.Outcome == AuditOutcome.Failed && e.Actor == AdminActor && e.Details["status"] == "400");
        Assert.Contains(entries, e => e.Action == "RevokeApiKey" && e.Outcome == AuditOutcome.Denied && e.Actor == "anonymous");
        Assert.DoesNotContain(entries, e => e.Action is "ListAssets" or "ListAuditEntries");
    }

    [Fact]
    public async Task A_sweep_started_through_the_api_names_its_run_as_the_target()
    {
        var run = await Host.SweepNowAsync();

        var entry = Assert.Single(await EntriesAsync($"action=StartSweep&target=/api/v1/discovery/runs/{run.Id}"));

        Assert.Equal($"/api/v1/discovery/runs/{run.Id}", entry.Target);
        Assert.Equal("202", entry.Details["status"]);
    }

    [Fact]
    public async Task The_log_is_filtered_by_actor_action_target_outcome_and_time_and_paged_newest_first()
    {
        using var admin = Host.CreateClient();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", $$"""{"subject":"paged-{{i}}","role":"viewer"}""")).Json<BindingDto>().Id);
        }

        var pages = new List<List<AuditEntryDto>>();
        string? cursor = null;
        do
        {
            var page = (await admin.FetchAsync($"/api/v1/audit?action=CreateRoleBinding&actor={AdminActor}&limit=2{(cursor is null ? string.Empty : "&cursor=" + cursor)}")).Json<PageDto<AuditEntryDto>>();
            pages.Add(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        var all = pages.SelectMany(p => p).Where(e => e.Details.GetValueOrDefault("subject", string.Empty).StartsWith("paged-", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, all.Count);
        Assert.True(pages.Take(pages.Count - 1).All(p => p.Count == 2));
        Assert.Equal(all.Select(e => e.Sequence).OrderDescending(), all.Select(e => e.Sequence));
        Assert.Equal(ids[2], Assert.Single(await EntriesAsync($"target=/api/v1/rbac/bindings/{ids[2]}")).Target.Split('/')[^1]);
        Assert.DoesNotContain(await EntriesAsync("outcome=denied&action=CreateRoleBinding"), e => e.Actor == AdminActor);
        var later = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddHours(1).ToString("O"));
        var earlier = Uri.EscapeDataString(TimeProvider.System.GetUtcNow().AddHours(-1).ToString("O"));
        Assert.Empty(await EntriesAsync($"from={later}"));
        Assert.NotEmpty(await EntriesAsync($"from={earlier}&to={later}&action=CreateRoleBinding"));
    }

    [Theory]
    [InlineData("outcome=maybe", "outcome")]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-01", "to")]
    [InlineData("from=2026-11-02T10:00:00Z&to=2026-11-02T09:00:00Z", "to")]
    [InlineData("actor=a&actor=b", "actor")]
    [InlineData("cursor=bm9wZQ", "cursor")]
    public async Task Bad_filters_get_a_400_naming_the_parameter(string query, string parameter)
    {
        using var admin = Host.CreateClient();

        var reply = await admin.FetchAsync("/api/v1/audit?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Contains(parameter, reply.Problem!.Errors!.Keys);
    }

    [Fact]
    public async Task The_export_is_json_lines_oldest_first_with_the_same_entries_as_the_listing()
    {
        using var admin = Host.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", $$"""{"subject":"export-{{i}}","role":"viewer"}""");
        }

        var reply = await admin.FetchAsync("/api/v1/audit/export?action=CreateRoleBinding");
        var lines = reply.Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var exported = lines.Select(l => JsonSerializer.Deserialize<AuditEntryDto>(l, QlrfHost.Json)!).ToList();
        var listed = await EntriesAsync("action=CreateRoleBinding");

        Assert.Equal("application/jsonl", reply.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("audit-acme.jsonl", reply.Response.Content.Headers.ContentDisposition?.FileNameStar ?? reply.Response.Content.Headers.ContentDisposition?.FileName);
        Assert.True(reply.Body.EndsWith('\n'));
        Assert.Equal(exported.Select(e => e.Sequence).Order(), exported.Select(e => e.Sequence));
        Assert.Equal(listed.Select(e => e.Hash).Order(StringComparer.Ordinal), exported.Where(e => e.Sequence <= listed.Max(l => l.Sequence)).Select(e => e.Hash).Order(StringComparer.Ordinal));
        Assert.Contains(exported, e => e.Details.GetValueOrDefault("subject") == "export-2");
    }
}

/// <summary>Breaks a chain on purpose, so it has a host of its own.</summary>
public sealed class AuditTamperTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Verify_finds_a_row_edited_directly_in_sqlite()
    {
        await using var host = new QlrfHost(directory, new Dictionary<string, string?> { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" });
        using var admin = host.CreateClient();
        for (var i = 0; i < 4; i++)
        {
            await admin.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", $$"""{"subject":"tamper-{{i}}","role":"viewer"}""");
        }

        var before = (await admin.FetchAsync("/api/v1/audit/verify")).Json<VerificationDto>();
        var victim = (await AuditHostFixture.EntriesAsync(host, "action=CreateRoleBinding")).Single(e => e.Details.GetValueOrDefault("subject") == "tamper-1").Sequence;
        using (var connection = new SqliteConnection($"Data Source={directory.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var edit = connection.CreateCommand();
            edit.CommandText = $"""
                DROP TRIGGER audit_entries_append_only_update;
                UPDATE audit_entries SET outcome = 'denied' WHERE org = 'acme' AND seq = {victim};
                """;
            edit.ExecuteNonQuery();
        }

        var after = (await admin.FetchAsync("/api/v1/audit/verify")).Json<VerificationDto>();

        Assert.True(before.Verified);
        Assert.Null(before.FirstBrokenLink);
        Assert.False(after.Verified);
        Assert.Equal(victim, after.FirstBrokenLink!.Sequence);
        Assert.Contains("altered", after.FirstBrokenLink.Problem, StringComparison.Ordinal);
        Assert.Contains(host.Logs.WarningsAndErrors, l => l.Contains("[6053]", StringComparison.Ordinal));
    }
}
