using Microsoft.Extensions.Options;
using Qlrf.Dr;
using Qlrf.Scheduling;

namespace Qlrf.Workflows.Drills;

/// <summary>Checks what data annotations cannot: the scheduler's schedule parses.</summary>
internal sealed class DrOptionsValidator : IValidateOptions<DrOptions>
{
    public ValidateOptionsResult Validate(string? name, DrOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CronSchedule.TryParse(options.SchedulerSchedule, out _, out var error)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{DrOptions.Section}:SchedulerSchedule {error}");
    }
}
