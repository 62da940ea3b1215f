using Microsoft.Extensions.Logging;
using Qlrf.Ai.Validation;
using Qlrf.Audit;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Ai.Tasks;

/// <summary>Expires a task still awaiting approval; returns its status after (Running when a decision won the race).</summary>
public sealed class ExpireAiTaskActivity(AiTaskWriter writer) : Activity<AiTaskStep, AiTaskStatus>
{
    public override async Task<AiTaskStatus> RunAsync(ActivityContext context, AiTaskStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var task = await writer.UpdateAsync(input, t => t.Status == AiTaskStatus.AwaitingApproval
            ? t with { Status = AiTaskStatus.Expired, Summary = "Nobody decided in time: nothing was proposed." }
            : null, context.CancellationToken);
        return task.Status;
    }
}

/// <summary>
/// Makes the task's proposals (each once: a redelivery finds it made, and the launchers' idempotency keys return the same
/// workflow) through the rollout and drill creation paths, as the requester. A proposal that can no longer be made is
/// recorded as failed, with why.
/// </summary>
public sealed class StartAiProposalsActivity(AiTaskWriter writer, AiProposals proposals, IAuditLog audit, ILogger<StartAiProposalsActivity> logger) : Activity<AiTaskStep, AiFollowResult>
{
    public override async Task<AiFollowResult> RunAsync(ActivityContext context, AiTaskStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var task = await writer.GetAsync(input, context.CancellationToken);
        var made = task.Proposals.ToList();
        for (var i = 0; i < task.Plan.ToolCalls.Count; i++)
        {
            var call = task.Plan.ToolCalls[i];
            if (Tools.AiToolCatalog.Find(call.Tool)?.Risk.IsStateChange() != true || made.Any(p => p.Index == i))
            {
                continue;
            }

            AiProposal proposal;
            try
            {
                proposal = await proposals.StartAsync(task.Organisation, task.RequestedBy, task.Id, i, call, context.CancellationToken);
                AiLogs.ProposalStarted(logger, task.Id, task.Organisation, proposal.Kind, proposal.Id);
            }
            catch (Exception e) when (e is RequestValidationException or ConflictException or NotFoundException)
            {
                proposal = new AiProposal(i, AiProposals.KindOf(call.Tool), string.Empty, "failed: " + e.Message, Finished: true);
                AiLogs.ProposalFailed(logger, task.Id, task.Organisation, i, e.Message);
            }

            made.Add(proposal);
            await audit.AppendAsync(new AuditEvent
            {
                Organisation = task.Organisation,
                Actor = task.RequestedBy,
                Action = "AiProposalMade",
                Target = "/api/v1/ai/tasks/" + task.Id,
                Outcome = proposal.Id.Length > 0 ? AuditOutcome.Success : AuditOutcome.Failed,
                Source = AiTaskService.AuditSource,
                Details = new Dictionary<string, string> { ["kind"] = proposal.Kind, ["workflow"] = proposal.Id, ["status"] = proposal.Status, ["approvedBy"] = task.Decision?.Actor ?? "autonomy" },
            }, context.CancellationToken);
            task = await writer.UpdateAsync(input, t => t with { Proposals = made.ToList(), Status = AiTaskStatus.Running }, context.CancellationToken);
        }

        return new AiFollowResult(made.All(p => p.Finished), made);
    }
}

/// <summary>Reads each unfinished proposal's workflow and records its status.</summary>
public sealed class FollowAiProposalsActivity(AiTaskWriter writer, AiProposals proposals) : Activity<AiTaskStep, AiFollowResult>
{
    public override async Task<AiFollowResult> RunAsync(ActivityContext context, AiTaskStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var task = await writer.GetAsync(input, context.CancellationToken);
        var now = new List<AiProposal>();
        foreach (var proposal in task.Proposals)
        {
            now.Add(proposal.Finished ? proposal : await proposals.RefreshAsync(task.Organisation, proposal, context.CancellationToken));
        }

        await writer.UpdateAsync(input, t => t with { Proposals = now }, context.CancellationToken);
        return new AiFollowResult(now.All(p => p.Finished), now);
    }
}

/// <summary>Ends the task: completed (or failed when no proposal could be made), with a summary of each workflow's end.</summary>
public sealed class FinishAiTaskActivity(AiTaskWriter writer, ILogger<FinishAiTaskActivity> logger) : Activity<AiTaskStep, AiTaskStatus>
{
    public override async Task<AiTaskStatus> RunAsync(ActivityContext context, AiTaskStep input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var task = await writer.UpdateAsync(input, t =>
        {
            if (t.Status is not AiTaskStatus.Running)
            {
                return null;
            }

            var failed = t.Proposals.Count > 0 && t.Proposals.All(p => p.Id.Length == 0);
            var lines = t.Proposals.Select(p => p.Id.Length == 0 ? $"{p.Kind} not proposed ({p.Status})" : $"{p.Kind} {p.Id}: {p.Status}{(p.Finished ? string.Empty : " (still running when the task stopped following it)")}");
            return t with { Status = failed ? AiTaskStatus.Failed : AiTaskStatus.Completed, Summary = string.Join("; ", lines) };
        }, context.CancellationToken);
        AiLogs.TaskEnded(logger, task.Id, task.Organisation, task.Status);
        return task.Status;
    }
}
