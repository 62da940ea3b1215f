using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Ai.Planning;
using Qlrf.Ai.Tools;
using Qlrf.Ai.Validation;
using Qlrf.Audit;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;
using Qlrf.Paging;
using Qlrf.Security;

namespace Qlrf.Ai.Tasks;

/// <summary>
/// AI tasks: a prompt planned, validated and (its read-only and plan-only tools) run at once; a plan with proposals
/// waits in its durable orchestration for a person's decision unless its autonomy lets it go. Every prompt, tool call
/// and decision is written to the audit log.
/// </summary>
public sealed partial class AiTaskService(
    IAiPlanner planner,
    AiVocabularyReader vocabulary,
    AiPlanValidator validator,
    AiTools tools,
    IAiTaskStore store,
    IAiUsageStore usage,
    IAuditLog audit,
    OrchestrationTenancy orchestrations,
    IAccessEvaluator access,
    IOptions<AiOptions> options,
    TimeProvider time,
    ILogger<AiTaskService> logger)
{
    public const string AuditSource = "ai";

    public async Task<AiTask> CreateAsync(Principal caller, string? prompt, string? autonomy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var settings = options.Value;
        var text = prompt?.Trim() is { Length: > 0 } p ? p : throw new RequestValidationException("prompt", "is required.");
        if (text.Length > settings.MaxPromptLength)
        {
            throw new RequestValidationException("prompt", $"may be at most {settings.MaxPromptLength} characters.");
        }

        var mode = autonomy is null ? settings.DefaultAutonomy
            : EnumText<AiAutonomy>.TryParse(autonomy, out var parsed) ? parsed
            : throw new RequestValidationException("autonomy", $"'{autonomy}' is not one of {string.Join(", ", EnumText<AiAutonomy>.All)}.");
        var organisation = caller.Organisation;
        var now = time.GetUtcNow();
        var id = NewId(now);
        var words = await vocabulary.ReadAsync(organisation, cancellationToken);
        var planned = await planner.PlanAsync(new AiPlanningRequest(caller, text, words), cancellationToken);
        if (planned.Usage.Calls > 0)
        {
            await usage.AddAsync(organisation, DateOnly.FromDateTime(now.UtcDateTime), planned.Usage, cancellationToken);
        }

        var validated = await validator.ValidateAsync(caller, planned.Plan, mode, cancellationToken);
        var plan = validated.Plan;
        var results = new List<AiToolResult>();
        if (validated.Validation.Passed && plan.Intent is not (AiIntent.Clarify or AiIntent.Refuse))
        {
            for (var i = 0; i < plan.ToolCalls.Count; i++)
            {
                if (!validated.CallRisks[i].IsStateChange())
                {
                    var result = await tools.RunAsync(caller, i, plan.ToolCalls[i], cancellationToken);
                    results.Add(result);
                    await AuditToolAsync(organisation, caller.Actor, id, result, validated.CallRisks[i], cancellationToken);
                }
            }
        }

        var proposes = validated.CallRisks.Any(r => r.IsStateChange());
        var awaits = proposes && !(mode == AiAutonomy.RiskBased && validated.CallRisks.All(r => r != AiRisk.StateChangeProd));
        var status = plan.Intent == AiIntent.Refuse ? AiTaskStatus.Refused
            : plan.Intent == AiIntent.Clarify ? AiTaskStatus.NeedsClarification
            : !validated.Validation.Passed ? AiTaskStatus.Invalid
            : !proposes ? AiTaskStatus.Completed
            : awaits ? AiTaskStatus.AwaitingApproval
            : AiTaskStatus.Running;
        var task = await store.CreateAsync(new AiTask
        {
            Id = id,
            Organisation = organisation,
            RequestedBy = caller.Actor,
            Prompt = text,
            CreatedAt = now,
            UpdatedAt = now,
            Status = status,
            Planner = planned.Planner,
            Autonomy = mode,
            Plan = plan,
            Validation = validated.Validation,
            Environments = validated.Environments,
            Results = results,
            Usage = planned.Usage,
            ApprovalDeadline = status == AiTaskStatus.AwaitingApproval ? now + settings.ApprovalTimeout : null,
            Summary = status switch
            {
                AiTaskStatus.Completed => string.Join("; ", results.Select(r => r.Error is null ? $"{r.Tool}: {r.Summary}" : $"{r.Tool} failed: {r.Error}")),
                AiTaskStatus.Refused => plan.Refusal,
                AiTaskStatus.NeedsClarification => string.Join(" ", plan.Questions),
                AiTaskStatus.Invalid => string.Join(" ", validated.Validation.Problems.Select(p => p.Message)),
                _ => null,
            },
        }, cancellationToken);
        if (status is AiTaskStatus.AwaitingApproval or AiTaskStatus.Running)
        {
            await orchestrations.For(organisation).ScheduleAsync(
                nameof(AiTaskOrchestrator),
                new AiTaskInput(organisation, task.Id, awaits, settings.ApprovalTimeout, settings.FollowInterval, settings.FollowTimeout),
                task.Id,
                cancellationToken);
        }

        AiLogs.TaskPlanned(logger, task.Id, organisation, plan.Intent, status, planned.Planner);
        return task;
    }

    public Task<Page<AiTask>> ListAsync(string organisation, int limit, string? after, CancellationToken cancellationToken) =>
        store.ListAsync(organisation, limit, after, cancellationToken);

    public async Task<AiTask> GetAsync(string organisation, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no AI task '{id}'.");

    /// <summary>
    /// Approves or rejects a task's plan. Only a task awaiting approval (which passed validation) can be decided, by
    /// someone holding <c>approve:ai-tasks</c> in every environment its proposals change.
    /// </summary>
    public async Task<AiTask> DecideAsync(Principal decider, string id, bool approve, string? comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decider);
        var task = await GetAsync(decider.Organisation, id, cancellationToken);
        if (task.Status != AiTaskStatus.AwaitingApproval || !task.Validation.Passed)
        {
            throw new ConflictException($"AI task {id} is {EnumText<AiTaskStatus>.Of(task.Status)}; only a task awaiting approval can be approved or rejected.");
        }

        var allowed = task.Environments.Count == 0
            ? await access.HasPermissionAsync(decider, Permission.ApproveAiTasks, AccessScope.Of(decider.Organisation), cancellationToken)
            : await access.HasPermissionInEveryEnvironmentAsync(decider, Permission.ApproveAiTasks, null, task.Environments, cancellationToken);
        if (!allowed)
        {
            throw new ForbiddenException($"This needs the permission {PermissionNames.Of(Permission.ApproveAiTasks)} in {(task.Environments.Count == 0 ? "the organisation" : string.Join(", ", task.Environments))}.");
        }

        var now = time.GetUtcNow();
        var decided = await store.ReplaceAsync(task with
        {
            Status = approve ? AiTaskStatus.Running : AiTaskStatus.Rejected,
            Decision = new AiDecision(decider.Actor, approve, comment?.Trim() ?? string.Empty, now),
            UpdatedAt = now,
            Summary = approve ? task.Summary : $"Rejected by {decider.Actor}: nothing was proposed.",
        }, task.ETag, cancellationToken) ?? throw new ConflictException($"AI task {id} changed meanwhile; read it again.");
        await orchestrations.For(decider.Organisation).RaiseEventAsync(id, AiTaskEvents.Decision, new AiTaskDecisionEvent(approve, decider.Actor), cancellationToken);
        AiLogs.TaskDecided(logger, id, decider.Organisation, decider.Actor, approve);
        return decided;
    }

    private Task<AuditEntry> AuditToolAsync(string organisation, string actor, string taskId, AiToolResult result, AiRisk risk, CancellationToken cancellationToken) =>
        audit.AppendAsync(new AuditEvent
        {
            Organisation = organisation,
            Actor = actor,
            Action = "AiToolCalled",
            Target = "/api/v1/ai/tasks/" + taskId,
            Outcome = result.Error is null ? AuditOutcome.Success : AuditOutcome.Failed,
            Source = AuditSource,
            Details = new Dictionary<string, string>
            {
                ["tool"] = result.Tool,
                ["index"] = result.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["risk"] = EnumText<AiRisk>.Of(risk),
                ["result"] = Bound(result.Error ?? result.Summary, 300),
            },
        }, cancellationToken);

    private static string Bound(string text, int max) => text.Length <= max ? text : text[..max];

    /// <summary>A new id; ids sort newest first (inverted ticks), so listings are forward ranges in every store.</summary>
    private static string NewId(DateTimeOffset now) =>
        $"ai-{long.MaxValue - now.UtcTicks:x16}{Guid.NewGuid():N}"[..27];
}
