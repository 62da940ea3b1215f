using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Qlrf.Discovery;
using Qlrf.Scheduling;
using Qlrf.Tenancy;

namespace Qlrf.Discovery;

/// <summary>Checks every configured source at start-up; each problem names its setting.</summary>
internal sealed class DiscoveryOptionsValidator(IEnumerable<IAssetSourceFactory> factories, IConfiguration configuration) : IValidateOptions<DiscoveryOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscoveryOptions options)
    {
        var problems = new List<string>();
        var kinds = factories.ToDictionary(f => f.Kind, StringComparer.OrdinalIgnoreCase);
        foreach (var (sourceName, source) in options.Sources)
        {
            var path = $"{DiscoveryOptions.Section}:Sources:{sourceName}";
            if (!OrganisationId.IsValid(sourceName.ToLowerInvariant()))
            {
                problems.Add($"{path}: a source name must be a slug (letters, digits, dashes).");
            }

            if (string.IsNullOrWhiteSpace(source.Kind))
            {
                problems.Add($"{path}:Kind is required ({string.Join(", ", kinds.Keys.Order())}).");
            }
            else if (!kinds.TryGetValue(source.Kind, out var factory))
            {
                problems.Add($"{path}:Kind '{source.Kind}' is not a known kind of source ({string.Join(", ", kinds.Keys.Order())}).");
            }
            else if (source.Enabled)
            {
                problems.AddRange(factory.Validate(path, configuration.GetSection(path)));
            }

            if (!CronSchedule.TryParse(source.Schedule, out _, out var cronError))
            {
                problems.Add($"{path}:Schedule {cronError}");
            }

            if (source.Organisation is not null && !OrganisationId.IsValid(source.Organisation))
            {
                problems.Add($"{path}:Organisation '{source.Organisation}' must be a lower-case slug.");
            }

            if (source.Timeout <= TimeSpan.Zero || source.Timeout > TimeSpan.FromHours(6))
            {
                problems.Add($"{path}:Timeout must be between 00:00:01 and 06:00:00.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
