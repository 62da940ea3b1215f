using Qlrf.Ai.Tools;
using Qlrf.Certificates;
using Qlrf.Dr;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Rollouts;
using Qlrf.Workflows.Certificates;
using Qlrf.Workflows.Drills;
using Qlrf.Workflows.Rollouts;
using Qlrf.Workflows.Rollouts.Planning;

namespace Qlrf.Ai.Validation;

/// <summary>What a proposal would touch: its risk, the environments it changes, and what stops it.</summary>
public sealed record ProposalCheck(AiRisk Risk, IReadOnlyList<string> Environments, IReadOnlyList<PlanProblem> Problems);

/// <summary>
/// The copilot's state-changing tools. Before approval they are checked (the rollout planned as a dry run and judged by
/// the same YAML policies; the drill's pair and executors); after it they are made through the existing creation paths,
/// <see cref="RolloutLauncher"/> and <see cref="DrillLauncher"/>, as the requester, so each carries its own approval.
/// </summary>
public sealed partial class AiProposals(
    AiRolloutRequests rolloutRequests,
    RolloutPlanning planning,
    RolloutLauncher rollouts,
    IRolloutStore rolloutStore,
    IDrPairStore pairs,
    IDrillStore drills,
    DrillCoverage drillCoverage,
    DrillLauncher drillLauncher,
    ICertificateStore certificates,
    CertificateRotationLauncher rotationLauncher,
    TimeProvider time)
{
    public const string Rollout = "rollout";
    public const string Drill = "drill";

    /// <summary>Production-like environments: a change there is <see cref="AiRisk.StateChangeProd"/>.</summary>
    public static bool IsProduction(string environment) => EnvironmentCriticality.Of(environment) >= 0.9;

    public async Task<ProposalCheck> CheckAsync(string organisation, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            return call.Tool switch
            {
                AiToolNames.ProposeRollout => await CheckRolloutAsync(organisation, index, call, cancellationToken),
                AiToolNames.ProposeDrill => await CheckDrillAsync(organisation, index, call, cancellationToken),
                AiToolNames.ProposeCertificateRotation => await CheckRotationAsync(organisation, index, call, cancellationToken),
                AiToolNames.AcknowledgeAlert => await CheckAlertAsync(organisation, index, call, cancellationToken),
                _ => throw new InvalidOperationException($"{call.Tool} is not a proposal."),
            };
        }
        catch (Exception e) when (e is RequestValidationException or NotFoundException or ConflictException)
        {
            return new ProposalCheck(AiRisk.StateChangeProd, [], [new PlanProblem(PlanCheck.Scope, e.Message, index)]);
        }
    }

    private async Task<ProposalCheck> CheckRolloutAsync(string organisation, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        var request = await rolloutRequests.ReadAsync(organisation, call, cancellationToken);
        var draft = await planning.DraftAsync(organisation, "ai-check", request, cancellationToken);
        var problems = new List<PlanProblem>();
        if (draft.Unplannable is { } unplannable)
        {
            problems.Add(new PlanProblem(PlanCheck.Policy, $"{unplannable.RuleId}: {unplannable.Reason}", index));
        }

        problems.AddRange(draft.Violations.Select(v => new PlanProblem(PlanCheck.Policy, $"policy {v.RuleId}: {v.Reason}", index)));
        if (draft.Unplannable is null && draft.Plan.AssetCount == 0)
        {
            problems.Add(new PlanProblem(PlanCheck.Scope, $"no asset of the scope needs {request.Target} ({draft.AlreadyOnTarget} already on it).", index));
        }

        var environments = draft.Environments.Count > 0 ? draft.Environments : request.Scope.Environments;
        return new ProposalCheck(environments.Any(IsProduction) ? AiRisk.StateChangeProd : AiRisk.StateChangeNonprod, environments, problems);
    }

    private async Task<ProposalCheck> CheckDrillAsync(string organisation, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        var pair = await PairAsync(organisation, call, cancellationToken);
        await drillCoverage.RequireAsync(pair, cancellationToken);
        var kind = Kind(call);
        var risk = kind == DrillKind.PlannedFailover && call.Flag("dryRun") != true && IsProduction(pair.Environment) ? AiRisk.StateChangeProd : AiRisk.StateChangeNonprod;
        return new ProposalCheck(risk, [pair.Environment], []);
    }

    /// <summary>Makes the proposal as the requester, idempotently (the task and call index are the key).</summary>
    public async Task<AiProposal> StartAsync(string organisation, string requestedBy, string taskId, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var key = $"ai:{taskId}:{index}";
        if (call.Tool == AiToolNames.ProposeRollout)
        {
            var request = await rolloutRequests.ReadAsync(organisation, call, cancellationToken);
            var (rollout, _) = await rollouts.StartAsync(organisation, requestedBy, request, key, cancellationToken);
            return new AiProposal(index, Rollout, rollout.Id, EnumText<RolloutStatus>.Of(rollout.Status));
        }

        if (call.Tool == AiToolNames.ProposeCertificateRotation)
        {
            return await StartRotationAsync(organisation, requestedBy, key, index, call, cancellationToken);
        }

        if (call.Tool == AiToolNames.AcknowledgeAlert)
        {
            return await AcknowledgeAsync(organisation, requestedBy, index, call, cancellationToken);
        }

        var pair = await PairAsync(organisation, call, cancellationToken);
        await drillCoverage.RequireAsync(pair, cancellationToken);
        var start = await drillLauncher.StartAsync(pair, new DrillRequest(Kind(call), call.Flag("dryRun") == true, DrillTrigger.Manual, requestedBy, key), cancellationToken);
        return new AiProposal(index, Drill, start.Drill.Id, EnumText<DrillStatus>.Of(start.Drill.Status));
    }

    /// <summary>The proposal's workflow as it is now.</summary>
    public async Task<AiProposal> RefreshAsync(string organisation, AiProposal proposal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        if (proposal.Kind == Rollout)
        {
            var rollout = await rolloutStore.GetAsync(organisation, proposal.Id, cancellationToken);
            return rollout is null ? proposal with { Status = "missing", Finished = true }
                : proposal with { Status = EnumText<RolloutStatus>.Of(rollout.Status), Finished = rollout.Status.IsFinal() };
        }

        if (proposal.Kind == Rotation)
        {
            return await RefreshRotationAsync(organisation, proposal, cancellationToken);
        }

        if (proposal.Kind == Alert)
        {
            return proposal with { Finished = true };
        }

        var drill = await drills.GetAsync(organisation, proposal.Id, cancellationToken);
        return drill is null ? proposal with { Status = "missing", Finished = true }
            : proposal with { Status = EnumText<DrillStatus>.Of(drill.Status), Finished = drill.Status.IsFinished() };
    }

    private async Task<DrPair> PairAsync(string organisation, AiToolCall call, CancellationToken cancellationToken) =>
        call.Text("pair") is { } id
            ? await pairs.GetAsync(organisation, id, cancellationToken) ?? throw new RequestValidationException("pair", $"there is no DR pair '{id}'.")
            : throw new RequestValidationException("pair", "is required.");

    private static DrillKind Kind(AiToolCall call) =>
        call.Text("kind") is { } kind ? EnumText<DrillKind>.Parse(kind) : DrillKind.TestFailover;
}
