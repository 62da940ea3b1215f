using Microsoft.Extensions.Logging;
using Qlrf.Approvals;
using Qlrf.Workflows.Approvals;
using Qlrf.Dr;
using Qlrf.Execution;
using Qlrf.Workflows.Compensation;
using Qlrf.Workflows.Control;
using Qlrf.Workflows.Drills.Activities;
using Qlrf.Notifications;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Drills;

/// <summary>
/// One execution of a drill orchestration: its journal, compensations, measurements and progress. Orchestrator
/// code: deterministic, time from the context, every effect an activity.
/// </summary>
internal sealed partial class DrillRun
{
    private readonly IOrchestrationContext context;
    private readonly DrillInput input;
    private readonly OrchestrationControl control;
    private readonly DrillJournal journal = new();
    private readonly Compensations compensations = new();
    private readonly TaskOptions retry;
    private readonly ILogger logger;
    private readonly DateTimeOffset startedAt;
    private int sequence;
    private int controlSeen;
    private DrillPhase phase = DrillPhase.PreCheck;
    private DrillStatus status = DrillStatus.Running;
    private DateTimeOffset phaseStartedAt;
    private string? approvalId;
    private IReadOnlyList<string> workloads = [];
    private string? preCheckSummary;
    private ApprovalRecord? approval;
    private ApprovalOutcome? approvalOutcome;
    private bool changed;
    private DrJob? failover;
    private RtoMeasurement? rto;
    private RpoMeasurement? rpo;

    public DrillRun(IOrchestrationContext context, DrillInput input, OrchestrationControl control)
    {
        this.context = context;
        this.input = input;
        this.control = control;
        var s = input.Settings;
        retry = TaskOptions.FromRetryPolicy(new RetryPolicy(s.ActivityAttempts, s.ActivityRetryDelay, backoffCoefficient: 2));
        logger = context.CreateReplaySafeLogger(typeof(DrillOrchestrator).FullName!);
        startedAt = Now;
        phaseStartedAt = startedAt;
    }

    private DrPair Pair => input.Pair;

    private DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    private DrScope Scope => new(input.Organisation, Pair.Id, Pair.PrimarySite, Pair.RecoverySite, workloads);

    /// <summary>Phase 1. False when the drill goes no further (a failed check, or a cancel before approval).</summary>
    public async Task<bool> PreCheckAsync()
    {
        DrLogs.DrillStarted(logger, input.DrillId, Pair.Id, input.Organisation, input.Kind, input.RequestedBy, input.Trigger, input.DryRun);
        await BeginAsync(DrillPhase.PreCheck, DrillStatus.Running);
        PreCheckResult result;
        try
        {
            result = await context.CallActivityAsync<PreCheckResult>(nameof(DrillPreCheckActivity), new DrillPreCheckRequest(input.DrillId, Pair), retry);
        }
        catch (TaskFailedException ex)
        {
            Fail(DrillPhase.PreCheck, Reason(ex), null);
            return false;
        }

        workloads = result.Workloads;
        preCheckSummary = result.Summary;
        Observe(result.Primary, result.Recovery, result.Replication);
        if (!result.Passed)
        {
            Fail(DrillPhase.PreCheck, result.Summary, result.FailedSite);
            return false;
        }

        journal.Pass(DrillPhase.PreCheck, Now, result.Summary);
        return true;
    }

    /// <summary>Phase 2. True when the drill may change things: approved, or unattended by the pair's policy.</summary>
    public async Task<bool> ApproveAsync()
    {
        if (!await CheckpointAsync())
        {
            return false;
        }

        if (input.Unattended)
        {
            const string note = "No approval needed: a scheduled test failover, which the pair's policy allows to run unattended.";
            journal.Skip(DrillPhase.Approval, note);
            approval = new ApprovalRecord(null, ApprovalStatus.Approved, 0, [], note);
            return true;
        }

        // The approval exists before the drill says it awaits one, so a decision made on seeing that status finds it.
        var request = ApprovalRequest();
        Approval opened;
        try
        {
            opened = await context.CallActivityAsync<Approval>(nameof(OpenApprovalActivity), request, retry);
        }
        catch (TaskFailedException ex)
        {
            Fail(DrillPhase.Approval, $"The approval could not be opened: {Reason(ex)}; nothing was changed.", null);
            return false;
        }

        approvalId = opened.Id;
        await BeginAsync(DrillPhase.Approval, DrillStatus.AwaitingApproval);
        var requested = $"{opened.Id}:requested";
        if (opened.IsOpen)
        {
            await NotifyAsync(requested, NotificationEvent.AwaitingApproval, $"DR drill {input.DrillId} needs approval: {Describe()}.", View(opened));
        }

        ApprovalOutcome outcome;
        try
        {
            outcome = await ApprovalGate.RequestAsync(context, request);
        }
        catch (TaskFailedException ex)
        {
            Fail(DrillPhase.Approval, $"The approval could not be decided: {Reason(ex)}; nothing was changed.", null);
            return false;
        }

        approvalOutcome = outcome;
        approval = new ApprovalRecord(outcome.ApprovalId, outcome.Status, request.RequiredApprovals, outcome.Decisions, null);
        await NotifyAsync($"{opened.Id}:{Json.EnumText<ApprovalStatus>.Of(outcome.Status)}", EventOf(outcome.Status), $"DR drill {input.DrillId} {Decided(outcome)}.", null, requested);
        if (outcome.Approved)
        {
            journal.Pass(DrillPhase.Approval, Now, $"Approved by {outcome.DecidedBy}.");
            return true;
        }

        journal.Finish(DrillPhase.Approval, PhaseOutcome.Failed, Now, $"{char.ToUpperInvariant(Decided(outcome)[0])}{Decided(outcome)[1..]}; nothing was changed.");
        return false;
    }

    /// <summary>Phases 3 to 5: sync, failover, validation; stops at the first failure or a cancel.</summary>
    public async Task RecoverAsync()
    {
        if (!await CheckpointAsync() || !await SyncAsync() || !await CheckpointAsync() || !await FailoverAsync() || !await CheckpointAsync())
        {
            return;
        }

        if (await ValidateAsync())
        {
            // A safe point while failed over: an operator may pause here to inspect the recovery site before failback.
            await CheckpointAsync();
        }
    }
}
