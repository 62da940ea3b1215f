using Microsoft.Extensions.Options;
using Qlrf.Drift;
using Qlrf.Scheduling;

namespace Qlrf.Discovery.Drift;

/// <summary>Checks what data annotations cannot: the schedule parses, and red comes below amber.</summary>
internal sealed class DriftOptionsValidator : IValidateOptions<DriftOptions>
{
    public ValidateOptionsResult Validate(string? name, DriftOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!CronSchedule.TryParse(options.SnapshotSchedule, out _, out var error))
        {
            failures.Add($"{DriftOptions.Section}:SnapshotSchedule {error}");
        }

        if (options.RedBelow > options.AmberBelow)
        {
            failures.Add($"{DriftOptions.Section}:RedBelow ({options.RedBelow}) must not exceed {DriftOptions.Section}:AmberBelow ({options.AmberBelow}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
