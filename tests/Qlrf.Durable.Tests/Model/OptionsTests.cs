using Microsoft.Extensions.Options;
using Qlrf.Durable.Tests.Support;

namespace Qlrf.Durable.Tests.Model;

/// <summary>Bad settings stop the host at start-up with messages that name the setting.</summary>
public sealed class OptionsTests
{
    [Fact]
    public async Task Out_of_range_settings_fail_start_up_naming_each_setting()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DurableHost.StartAsync(
            _ => { },
            o =>
            {
                o.MaxActions = 0;
                o.LockTimeout = TimeSpan.FromHours(2);
            }));

        Assert.Contains(error.Failures, f => f.Contains("Qlrf:Durable:MaxActions must be between 1 and 10000000.", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Qlrf:Durable:LockTimeout must be between 00:00:01 and 01:00:00.", StringComparison.Ordinal));
    }
}
