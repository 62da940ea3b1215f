using Microsoft.Extensions.Options;
using Qlrf.Workflows.Rollouts.PatchSets;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts;

/// <summary>Checks what data annotations cannot: the risk weights, and that the policy and patch-set files are there and read.</summary>
internal sealed class RolloutOptionsValidator : IValidateOptions<RolloutOptions>
{
    public ValidateOptionsResult Validate(string? name, RolloutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var factor in Enum.GetValues<RiskFactor>())
        {
            var weight = options.RiskWeights.Of(factor);
            if (weight is < 0 or > 1000 || double.IsNaN(weight))
            {
                failures.Add($"{RolloutOptions.Section}:RiskWeights:{factor} must be between 0 and 1000.");
            }
        }

        if (options.RiskWeights.Total <= 0)
        {
            failures.Add($"{RolloutOptions.Section}:RiskWeights must not all be 0.");
        }

        if (!string.IsNullOrWhiteSpace(options.PolicyFile))
        {
            try
            {
                RolloutPolicies.Load(options.PolicyFile);
            }
            catch (Exception ex) when (ex is PolicyFileException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"{RolloutOptions.Section}:PolicyFile: {ex.Message}");
            }
        }

        if (!string.IsNullOrWhiteSpace(options.PatchSetFile))
        {
            try
            {
                PatchSetFileReader.Read(RolloutPolicies.Resolve(options.PatchSetFile));
            }
            catch (Exception ex) when (ex is PatchSetFileException or IOException or UnauthorizedAccessException)
            {
                failures.Add($"{RolloutOptions.Section}:PatchSetFile: {ex.Message}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
