using System.ComponentModel.DataAnnotations;
using Qlrf.Rollouts;

namespace Qlrf.Workflows.Rollouts;

/// <summary>Settings of rollouts, section <c>Qlrf:Rollouts</c>.</summary>
public sealed class RolloutOptions
{
    public const string Section = "Qlrf:Rollouts";

    /// <summary>
    /// The safety-policy file (YAML). A relative path is found from the working directory, then from the
    /// application's directory (where the shipped file is copied). Default <c>policies/rollout-policies.yaml</c>.
    /// </summary>
    [Required(ErrorMessage = "Qlrf:Rollouts:PolicyFile is required.")]
    public string PolicyFile { get; set; } = "policies/rollout-policies.yaml";

    /// <summary>
    /// The patch-set catalogue (YAML) that <c>target.patchSet</c> names a set from; found like <see cref="PolicyFile"/>.
    /// Default <c>samples/patch-sets.yaml</c> (the sandbox estate's).
    /// </summary>
    [Required(ErrorMessage = "Qlrf:Rollouts:PatchSetFile is required.")]
    public string PatchSetFile { get; set; } = "samples/patch-sets.yaml";

    /// <summary>How long an approval stays open before the rollout expires, unless the policy file says. Default 24 hours.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ErrorMessage = "Qlrf:Rollouts:ApprovalTimeout must be between 00:01:00 and 30.00:00:00.")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Distinct approvers a High or Critical risk needs, unless the policy file says. Default 2.</summary>
    [Range(1, 10, ErrorMessage = "Qlrf:Rollouts:HighRiskApprovers must be between 1 and 10.")]
    public int HighRiskApprovers { get; set; } = 2;

    /// <summary>Relative weights of the risk factors (each 0 to 1000, not all 0). Defaults in <see cref="Qlrf.Rollouts.RiskWeights"/>.</summary>
    public RiskWeights RiskWeights { get; set; } = new();

    /// <summary>Attempts of each image change (the first included) before the asset counts as failed. Default 3.</summary>
    [Range(1, 10, ErrorMessage = "Qlrf:Rollouts:ApplyAttempts must be between 1 and 10.")]
    public int ApplyAttempts { get; set; } = 3;

    /// <summary>The delay before the first retry of an image change; it doubles per retry. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00", ErrorMessage = "Qlrf:Rollouts:ApplyRetryDelay must be between 00:00:00.001 and 01:00:00.")]
    public TimeSpan ApplyRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The asset tag naming an asset's DR pair; both members of a pair never change in the same stage. Default <c>dr-group</c>.</summary>
    [Required(ErrorMessage = "Qlrf:Rollouts:DrPairTag is required.")]
    public string DrPairTag { get; set; } = "dr-group";

    /// <summary>How far back a family's rollouts count toward the recent-failures risk factor. Default 30 days.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00", ErrorMessage = "Qlrf:Rollouts:RecentWindow must be between 01:00:00 and 365.00:00:00.")]
    public TimeSpan RecentWindow { get; set; } = TimeSpan.FromDays(30);
}
