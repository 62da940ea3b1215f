using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qlrf.IntegrationTests.Support;
using Qlrf.Security;

namespace Qlrf.IntegrationTests;

public sealed partial class BootstrapTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    private static Dictionary<string, string?> Settings(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>(AllLogs.Everything) { ["Qlrf:Discovery:Sources:sandbox:SweepAtStartup"] = "false" };
        foreach (var (k, v) in more ?? [])
        {
            settings[k] = v;
        }

        return settings;
    }

    private static Action<IServiceCollection> Capture(AllLogs logs) => s => s.AddSingleton<ILoggerProvider>(logs);

    [Fact]
    public async Task The_first_start_prints_an_admin_key_once_and_keeps_only_its_hash_and_the_next_start_prints_none()
    {
        var logs = new AllLogs();
        string printed;
        await using (var first = new QlrfHost(directory, Settings(), Capture(logs)))
        {
            using var anonymous = first.CreateAnonymousClient();
            printed = first.Console.ToString();
            var key = Assert.Single(KeyText().Matches(printed)).Value;
            var (keyId, secret) = (key.Split('_')[2], key.Split('_')[3]);

            using var bootstrap = first.CreateClientWith(key);
            var me = (await bootstrap.FetchAsync("/api/v1/rbac/me")).Json<CallerDto>();
            Assert.Equal(("acme", "key:" + keyId), (me.Organisation, me.Actor));
            Assert.Contains("manage:rbac", me.Permissions);
            Assert.Contains("curl -H \"Authorization: Bearer $QLRF_KEY\" ", printed, StringComparison.Ordinal);

            var created = Assert.Single((await bootstrap.FetchAsync("/api/v1/audit?action=BootstrapAdminKeyCreated")).Json<PageDto<AuditEntryDto>>().Items);
            Assert.Equal(("system", $"/api/v1/api-keys/{keyId}", "host"), (created.Actor, created.Target, created.Source));
            Assert.DoesNotContain(secret, (await bootstrap.FetchAsync("/api/v1/audit/export")).Body, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, ApiKeysTests.StoreText(directory), StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Entries, e => e.Contains(secret, StringComparison.Ordinal));
            Assert.Contains(logs.Entries, e => e.Contains("[6003]", StringComparison.Ordinal) && e.Contains(keyId, StringComparison.Ordinal));
        }

        await using var second = new QlrfHost(directory, Settings());
        second.CreateAnonymousClient().Dispose();

        Assert.Empty(second.Console.ToString());
    }

    [Fact]
    public async Task No_key_is_made_when_bootstrap_is_off_and_a_new_one_when_reissue_is_asked_for()
    {
        await using (var off = new QlrfHost(directory, Settings(new() { ["Qlrf:Identity:Bootstrap:Enabled"] = "false" })))
        {
            off.CreateAnonymousClient().Dispose();
            Assert.Empty(off.Console.ToString());
            await off.CreateKeyAsync(Role.Admin);
        }

        await using var reissue = new QlrfHost(directory, Settings(new() { ["Qlrf:Identity:Bootstrap:Reissue"] = "true" }));
        reissue.CreateAnonymousClient().Dispose();

        Assert.Single(KeyText().Matches(reissue.Console.ToString()));
    }

    [Fact]
    public async Task Secrets_and_tokens_never_reach_the_logs_or_the_audit_log()
    {
        var logs = new AllLogs();
        await using var host = new QlrfHost(directory, Settings(), Capture(logs));
        using var admin = host.CreateClient();
        var bootstrapKey = KeyText().Match(host.Console.ToString()).Value;
        var created = (await admin.SendAsync(HttpMethod.Post, "/api/v1/api-keys", """{"name":"ci","role":"viewer"}""")).Json<CreatedKeyDto>().Key;
        var misspelt = created[..^4] + "aaaa";
        var token = TestTokens.Create("alice", "acme", ["admin"]);
        var forged = TestTokens.Create("mallory", "acme", ["admin"], signedWith: TestTokens.Forger);
        var expired = TestTokens.Create("alice", "acme", ["admin"], expiresIn: TimeSpan.FromMinutes(-10));
        foreach (var credential in new[] { created, misspelt, token, forged, expired, bootstrapKey })
        {
            using var client = host.CreateClientWith(credential);
            await client.SendAsync(HttpMethod.Post, "/api/v1/rbac/bindings", """{"subject":"x","role":"viewer"}""");
            await client.FetchAsync("/api/v1/assets");
        }

        var audit = (await admin.FetchAsync("/api/v1/audit/export")).Body;
        var secrets = new[] { bootstrapKey, created, misspelt, token, forged, expired, host.AdminKey }
            .SelectMany(s => s.StartsWith("qlrf_", StringComparison.Ordinal) ? new[] { s, s.Split('_')[3] } : [s, s.Split('.')[2]])
            .ToList();

        Assert.Contains("SignInFailed", audit, StringComparison.Ordinal);
        Assert.True(logs.Entries.Count > 50, "the host logged at every level");
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, audit, StringComparison.Ordinal);
            Assert.DoesNotContain(logs.Entries, e => e.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_host_process_prints_the_key_once_and_curl_can_use_it()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Qlrf.Host.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory.Path,
        };
        start.Environment["QLRF__Store__Path"] = directory.DatabasePath;
        start.Environment["QLRF__Discovery__Sources__sandbox__EstateFile"] = directory.EstatePath;
        start.Environment["QLRF__Discovery__Sources__sandbox__SweepAtStartup"] = "false";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(start)!;
        var output = new System.Text.StringBuilder();
        var serving = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data is not null && ServingOn().Match(e.Data) is { Success: true } m)
            {
                serving.TrySetResult(m.Groups[1].Value);
            }
        };
        process.BeginOutputReadLine();
        try
        {
            var url = await serving.Task.WaitAsync(TimeSpan.FromSeconds(60));
            string text;
            lock (output)
            {
                text = output.ToString();
            }

            var key = Assert.Single(KeyText().Matches(text)).Value;
            using var curl = new HttpClient { BaseAddress = new Uri(url) };
            curl.DefaultRequestHeaders.Authorization = new("Bearer", key);
            var me = await curl.GetAsync("/api/v1/rbac/me");
            var body = await me.Content.ReadAsStringAsync();

            Assert.True(me.StatusCode == HttpStatusCode.OK, body);
            Assert.Contains("\"organisation\":\"acme\"", body, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, (await new HttpClient { BaseAddress = new Uri(url) }.GetAsync("/api/v1/assets")).StatusCode);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        Assert.Single(KeyText().Matches(output.ToString()));
    }

    [GeneratedRegex(@"qlrf_[a-z0-9-]+_k[a-z2-7]{20}_[a-z2-7]{52}")]
    private static partial Regex KeyText();

    [GeneratedRegex(@"QL-RF is serving on (http://[^\s,]+)")]
    private static partial Regex ServingOn();
}
