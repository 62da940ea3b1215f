using Microsoft.Extensions.Options;
using Qlrf.Audit;
using Qlrf.Certificates;
using Qlrf.Discovery.Drift;
using Qlrf.Dr;
using Qlrf.Drift;
using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Security;
using Qlrf.Workflows.Drills;
using Qlrf.Workflows.Rollouts.Planning;

namespace Qlrf.Ai.Tools;

/// <summary>
/// Runs the copilot's read-only and plan-only tools over the application services, in the caller's organisation only.
/// Proposals are not run here: <see cref="AiProposals"/> checks them when planning and makes them after approval.
/// A tool's bad argument or missing object comes back as the result's error, for the plan to show.
/// </summary>
public sealed partial class AiTools(
    IInventoryStore inventory,
    IDriftStore drift,
    DriftFunctions driftFunctions,
    IImageStore images,
    IDrPairStore pairs,
    IDrillStore drills,
    DrExecutors drExecutors,
    DrPairWorkloads workloads,
    IOptions<DrOptions> drOptions,
    IAuditReader audit,
    ICertificateStore certificates,
    RolloutPlanning planning,
    AiRolloutRequests rolloutRequests,
    IOptions<AiOptions> options,
    TimeProvider time) : IAiToolRunner
{
    private int MaxItems => options.Value.MaxToolItems;

    /// <summary>Runs one call; the call must already have passed validation.</summary>
    public async Task<AiToolResult> RunAsync(Principal caller, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(call);
        var organisation = caller.Organisation;
        try
        {
            var output = call.Tool switch
            {
                AiToolNames.QueryAssets => await QueryAssetsAsync(organisation, call, cancellationToken),
                AiToolNames.DriftStatus => await DriftStatusAsync(organisation, call, cancellationToken),
                AiToolNames.DriftHeatmap => await DriftHeatmapAsync(organisation, cancellationToken),
                AiToolNames.GoldenImage => await GoldenImageAsync(organisation, call, cancellationToken),
                AiToolNames.CompareVersions => await CompareVersionsAsync(organisation, call, cancellationToken),
                AiToolNames.ImageVulnerabilities => await VulnerabilitiesAsync(organisation, call, cancellationToken),
                AiToolNames.DrReadiness => await DrReadinessAsync(organisation, call, cancellationToken),
                AiToolNames.SimulateFailover => await SimulateFailoverAsync(organisation, call, cancellationToken),
                AiToolNames.CalculateRisk => await CalculateRiskAsync(organisation, call, cancellationToken),
                AiToolNames.PlanRollout => await PlanRolloutAsync(organisation, call, cancellationToken),
                AiToolNames.AuditQuery => await AuditQueryAsync(organisation, call, cancellationToken),
                AiToolNames.CertificateExpiry => await CertificateExpiryAsync(organisation, call, cancellationToken),
                AiToolNames.CertificateUsage => await CertificateUsageAsync(organisation, call, cancellationToken),
                _ => throw new RequestValidationException("tool", $"'{call.Tool}' is not a tool that runs before approval."),
            };
            return new AiToolResult(index, call.Tool, output.Summary, output.Bounded(options.Value.MaxToolOutputChars));
        }
        catch (Exception e) when (e is RequestValidationException or NotFoundException or ConflictException)
        {
            return new AiToolResult(index, call.Tool, "failed", Error: e.Message);
        }
    }
}
