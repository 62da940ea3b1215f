using System.Diagnostics;
using Microsoft.Extensions.Options;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.IntegrationTests;

public sealed class StartupTests : IDisposable
{
    private readonly HostDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Theory]
    [InlineData("Qlrf:Queue:MaxDeliveries", "0")]
    [InlineData("Qlrf:Discovery:Sources:sandbox:Schedule", "every 5 minutes")]
    [InlineData("Qlrf:Discovery:Sources:sandbox:Kind", "openstack")]
    [InlineData("Qlrf:Discovery:Sources:sandbox:EstateFile", "/nowhere/estate.yaml")]
    [InlineData("Qlrf:Tenancy:DefaultOrganisation", "Not A Slug")]
    [InlineData("Qlrf:Store:BusyTimeout", "00:00:00")]
    [InlineData("Qlrf:Drift:SnapshotSchedule", "daily")]
    [InlineData("Qlrf:Drift:RedBelow", "120")]
    [InlineData("Qlrf:Identity:Jwt:Audience", "")]
    [InlineData("Qlrf:Identity:Jwt:SigningKeys", "not a key set")]
    [InlineData("Qlrf:Identity:Jwt:Authority", "http://issuer.example")]
    [InlineData("Qlrf:Identity:Jwt:ClockSkew", "01:00:00")]
    [InlineData("Qlrf:Identity:ApiKeys:MaxLifetime", "00:00:00")]
    [InlineData("Qlrf:Identity:Bootstrap:Lifetime", "0")]
    [InlineData("Qlrf:Api:Limits:MaxRequestBodyBytes", "10")]
    [InlineData("Qlrf:Api:Limits:MaxJsonDepth", "1000")]
    [InlineData("Qlrf:Api:RateLimits:PerCallerPermitLimit", "0")]
    [InlineData("Qlrf:Api:RateLimits:AnonymousWindow", "00:00:00")]
    [InlineData("Qlrf:Api:RateLimits:ChannelPermitLimit", "0")]
    [InlineData("Qlrf:Approvals:Links:SigningKey", "dG9vLXNob3J0")]
    [InlineData("Qlrf:Approvals:Slack:Organisation", "Not A Slug")]
    [InlineData("Qlrf:Approvals:Teams:Users:6f1c0d4e-0000-4c1e-8f0a-2b6d3e4f5a6b", " ")]
    [InlineData("Qlrf:Ui:Oidc:ClientId", "control-tower")]
    public async Task A_bad_setting_fails_start_up_naming_the_setting(string setting, string value)
    {
        var host = new QlrfHost(directory, new Dictionary<string, string?> { [setting] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains(setting, ex.Message, StringComparison.Ordinal);
        await DisposeFailedAsync(host);
    }

    [Theory]
    [InlineData("Qlrf:Approvals:Slack:Users:U0BOB", "bob", "Qlrf:Notifications:Slack:SigningSecret")]
    [InlineData("Qlrf:Approvals:Teams:Users:6f1c0d4e-0000-4c1e-8f0a-2b6d3e4f5a6b", "carol", "Qlrf:Notifications:Teams:AppId")]
    [InlineData("Qlrf:Approvals:Links:Enabled", "true", "Qlrf:Approvals:Links:SigningKey")]
    [InlineData("Qlrf:Approvals:Links:Enabled", "true", "Qlrf:Approvals:Links:PublicBaseUrl")]
    public async Task An_approval_channel_without_its_credentials_fails_start_up_naming_the_missing_setting(string setting, string value, string missing)
    {
        var host = new QlrfHost(directory, new Dictionary<string, string?> { [setting] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => host.CreateClient());

        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        await DisposeFailedAsync(host);
    }

    [Fact]
    public async Task The_host_process_exits_with_a_clear_message_on_bad_configuration()
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "Qlrf.Host.dll");
        var start = new ProcessStartInfo("dotnet", [hostDll])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            WorkingDirectory = directory.Path,
        };
        start.Environment["QLRF__Queue__MaxDeliveries"] = "0";
        start.Environment["QLRF__Store__Path"] = directory.DatabasePath;
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, process.ExitCode);
        var errors = await stderr;
        Assert.StartsWith("QL-RF could not start:", errors, StringComparison.Ordinal);
        Assert.Contains("Qlrf:Queue:MaxDeliveries must be between 1 and 100", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.Contains("QL-RF could not start", await stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_host_on_the_same_store_is_refused()
    {
        await using var first = new QlrfHost(directory);
        first.CreateClient().Dispose();
        var second = new QlrfHost(directory);

        var ex = Assert.ThrowsAny<Exception>(() => second.CreateClient());

        Assert.Contains("in use by another QL-RF host", ex.ToString(), StringComparison.Ordinal);
        await DisposeFailedAsync(second);
    }

    /// <summary>WebApplicationFactory cannot stop a host that never started; dispose what it can.</summary>
    private static async Task DisposeFailedAsync(QlrfHost host)
    {
        try
        {
            await host.DisposeAsync();
        }
        catch (ArgumentNullException)
        {
        }
    }
}
