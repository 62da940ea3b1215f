using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Qlrf.Dr;
using Qlrf.Json;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests.Dr;

/// <summary>
/// Crash safety of a drill across processes: a started local host (src/Host) is killed with SIGKILL mid-drill (once
/// the platform has started the failover), kept down until the platform's recovery is over, and started again on
/// the same store. The drill completes, and its RTO and RPO are the platform's, untouched by the outage.
/// </summary>
public sealed partial class DrillRestartTests : IDisposable
{
    private static readonly TimeSpan Failover = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LagAfterSync = TimeSpan.FromMilliseconds(1500);

    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_drill_whose_host_is_killed_mid_drill_completes_after_a_restart_with_correct_measurements()
    {
        string id;
        string key;
        using (var first = HostProcess.Start(directory, Settings()))
        {
            var url = await first.WaitForAsync(Serving(), "the first host to serve");
            key = await first.WaitForAsync(BootstrapKey(), "the bootstrap admin key");
            using var admin = Client(url, key);
            await Eventually.TrueAsync(async () => (await admin.GetAsync("/api/v1/assets/use1-prod-orders-db-02")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "the start-up sweep");
            var approverKey = await CreateEngineerKeyAsync(admin);
            using var approver = Client(url, approverKey);

            id = (await admin.StartDrillAsync("orders-db-aws")).Id;
            await admin.WaitForStatusAsync(id, DrillStatus.AwaitingApproval);
            var approved = await approver.DecideAsync(id);
            Assert.True(approved.Status == HttpStatusCode.OK, approved.Body);
            await Eventually.TrueAsync(() => Task.FromResult(PlatformFailover(id) is not null), TimeSpan.FromSeconds(60), "the platform to start the drill's failover");

            first.Kill();
        }

        var failover = PlatformFailover(id)!;
        Assert.True(failover.EndsAt is null, "the kill came after the drill had begun to fail back");
        var healthyAt = failover.HealthyAt!.Value;
        Assert.Equal(Failover + WarmUp, healthyAt - failover.StartedAt);
        await Eventually.TrueAsync(() => Task.FromResult(TimeProvider.System.GetUtcNow() > healthyAt), TimeSpan.FromSeconds(30), "the platform to recover while no host runs");

        using var second = HostProcess.Start(directory, Settings());
        var restarted = await second.WaitForAsync(Serving(), "the second host to serve");
        using var client = Client(restarted, key);
        var done = await client.WaitForFinishAsync(id);
        var report = await client.ReportAsync(id);

        Assert.Equal(DrillStatus.Passed, done.Status);
        Assert.Equal(Failover + WarmUp, report.Rto!.Measured);
        Assert.Equal((failover.StartedAt, healthyAt), (report.Rto.FailoverStartedAt, report.Rto.HealthyAt));
        Assert.Equal(LagAfterSync, report.Rpo!.Measured);
        Assert.True(report.Rto.ConfirmedAt > healthyAt, "the drill confirmed health only after the outage");
        Assert.All(report.Phases, p => Assert.Equal(PhaseOutcome.Passed, p.Outcome));
        Assert.True(Assert.Single(report.Restored).Succeeded);
        second.Kill();
    }

    private Dictionary<string, string> Settings() => new()
    {
        ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        ["Qlrf__Store__Path"] = directory.DatabasePath,
        ["Qlrf__Discovery__Sources__sandbox__EstateFile"] = directory.EstatePath,
        ["Qlrf__Dr__PollInterval"] = "00:00:00.200",
        ["Qlrf__Dr__ActivityRetryDelay"] = "00:00:00.200",
        ["Qlrf__Durable__LockTimeout"] = "00:00:02",
        ["Qlrf__Sandbox__Dr__Defaults__SyncDuration"] = "00:00:00.300",
        ["Qlrf__Sandbox__Dr__Defaults__FailoverDuration"] = "00:00:03",
        ["Qlrf__Sandbox__Dr__Defaults__WarmUp"] = "00:00:02",
        ["Qlrf__Sandbox__Dr__Defaults__FailbackDuration"] = "00:00:00.300",
        ["Qlrf__Sandbox__Dr__Defaults__LagAfterSync"] = "00:00:01.500",
    };

    /// <summary>The sandbox platform's record of the drill's failover, read from the store; null until it starts.</summary>
    private SandboxFailover? PlatformFailover(string drillId)
    {
        using var connection = new SqliteConnection($"Data Source={directory.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT body FROM sandbox_dr_state WHERE pair_id = 'orders-db-aws'";
        var failover = command.ExecuteScalar() is string body ? QlrfJson.Deserialize<SandboxState>(body)?.Failover : null;
        return failover?.DrillId == drillId ? failover : null;
    }

    private static HttpClient Client(string url, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri(url) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static async Task<string> CreateEngineerKeyAsync(HttpClient admin)
    {
        var reply = await admin.SendAsync(HttpMethod.Post, "/api/v1/api-keys", """{"name":"approver","role":"engineer"}""");
        Assert.True(reply.Status == HttpStatusCode.Created, reply.Body);
        return System.Text.Json.JsonDocument.Parse(reply.Body).RootElement.GetProperty("key").GetString()!;
    }

    private sealed record SandboxState(SandboxFailover? Failover);

    private sealed record SandboxFailover(string DrillId, DateTimeOffset StartedAt, DateTimeOffset? HealthyAt, DateTimeOffset? EndsAt);

    [GeneratedRegex(@"serving on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Serving();

    [GeneratedRegex(@"QLRF_KEY=(\S+)")]
    private static partial Regex BootstrapKey();

    /// <summary>A started local host process, its console read as it writes.</summary>
    private sealed class HostProcess : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();

        private HostProcess(Process process) => this.process = process;

        public static HostProcess Start(HostDirectory directory, IDictionary<string, string> environment)
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = directory.Path,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Qlrf.Host.dll"));
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var host = new HostProcess(Process.Start(start)!);
            host.process.OutputDataReceived += (_, e) => host.Append(e.Data);
            host.process.ErrorDataReceived += (_, e) => host.Append(e.Data);
            host.process.BeginOutputReadLine();
            host.process.BeginErrorReadLine();
            return host;
        }

        /// <summary>Waits for a line matching the pattern; returns its first group.</summary>
        public async Task<string> WaitForAsync(Regex pattern, string what)
        {
            string? found = null;
            await Eventually.TrueAsync(() =>
            {
                lock (output)
                {
                    var match = pattern.Match(output.ToString());
                    found = match.Success ? match.Groups[1].Value : null;
                }

                Assert.False(process.HasExited && found is null, $"The host exited before {what}:{Environment.NewLine}{Output}");
                return Task.FromResult(found is not null);
            }, TimeSpan.FromSeconds(60), what);
            return found!;
        }

        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }
        }

        public void Dispose()
        {
            Kill();
            process.Dispose();
        }

        private string Output
        {
            get
            {
                lock (output)
                {
                    return output.ToString();
                }
            }
        }

        private void Append(string? line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
