using System.Globalization;
using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Json;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Secrets;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Compensation;
using Qlrf.Workflows.Control;
using Qlrf.Workflows.Notifications;

namespace Qlrf.Workflows.Secrets;

/// <summary>
/// One execution of a secret rotation orchestration: plan, new version, progress and compensations. Like its
/// orchestrator it only schedules, and is rebuilt the same way on every replay.
/// </summary>
internal sealed class SecretRotationRun(IOrchestrationContext context, SecretRotationInput input)
{
    public static readonly RetryPolicy StepRetry = new(3, TimeSpan.FromSeconds(2), 2);

    /// <summary>A check right after a restart may race the workload's start: a few tries, briefly apart.</summary>
    private static readonly RetryPolicy CheckRetry = new(3, TimeSpan.FromSeconds(1), 2);

    private readonly Compensations compensations = new();
    private SecretRotationPlan? plan;
    private string? newVersion;

    public SecretRotationProgress Progress { get; private set; } = new() { Status = RotationStatus.Planning };

    private DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public void Planned(SecretRotationPlan planned)
    {
        plan = planned;
        Progress = Progress with { Waves = planned.Waves.Count, Total = planned.Waves.Sum(w => w.Count) };
        Report(RotationStatus.Planning, Invariant($"{Progress.Total} workloads in {planned.Waves.Count} waves, risk {planned.Risk.Level}"));
    }

    public void Report(RotationStatus status, string? message)
    {
        Progress = Progress with { Status = status, Message = message };
        context.SetCustomStatus(Progress);
    }

    public async Task<ApprovalOutcome> ApproveAsync(SecretRotationPlan planned)
    {
        var rotation = await context.CallActivityAsync<SecretRotationHeader>(nameof(ReadSecretRotationActivity), input, TaskOptions.FromRetryPolicy(StepRetry));
        var approval = new Approval
        {
            Id = $"{input.RotationId}:approval",
            Organisation = input.Organisation,
            Kind = SecretRotationKinds.Approval,
            Subject = input.RotationId,
            RequestedBy = rotation.RequestedBy,
            Environments = planned.Environments,
            RequiredApprovals = planned.RequiredApprovals,
            CreatedAt = Now,
            ExpiresAt = Now + input.ApprovalTimeout,
        };
        var opened = await context.CallActivityAsync<Approval>(nameof(OpenApprovalActivity), approval, TaskOptions.FromRetryPolicy(StepRetry));
        var approvers = planned.RequiredApprovals == 1 ? "one approver" : Invariant($"{planned.RequiredApprovals} approvers");
        await SetStatusAsync(RotationStatus.AwaitingApproval, Invariant($"waits for {approvers} until {opened.ExpiresAt:u}"));
        var asked = await NotifyAsync(NotificationEvent.AwaitingApproval, Invariant($"needs {approvers} (risk {planned.Risk.Level}, requested by {rotation.RequestedBy})."), View(opened, planned, rotation.RequestedBy));
        var outcome = await ApprovalGate.RequestAsync(context, opened);
        if (outcome.Approved)
        {
            await NotifyAsync(NotificationEvent.Approved, $"approved by {outcome.DecidedBy}.", replaces: asked);
        }

        return outcome;
    }

    /// <summary>Adds the new version to the store, its rollback (restore the previous version) registered first.</summary>
    public async Task AddVersionAsync()
    {
        var previous = plan!.CurrentVersion;
        await SetStatusAsync(RotationStatus.Issuing, "adding the new version to the store");
        compensations.Register(plan.SecretId, async () =>
        {
            await context.CallActivityAsync(nameof(RestoreSecretVersionActivity), new RestoreSecretVersionInput(input.Organisation, input.RotationId, previous), TaskOptions.FromRetryPolicy(StepRetry));
            return $"store version {previous} current again";
        });
        newVersion = await context.CallActivityAsync<string>(nameof(AddSecretVersionActivity), input, TaskOptions.FromRetryPolicy(StepRetry));
        Progress = Progress with { NewVersion = newVersion };
        await SetStatusAsync(RotationStatus.Deploying, $"version {newVersion} added", [new RotationStep(plan.SecretId, "new version", true, newVersion, Now)], newVersion);
    }

    /// <summary>Restarts the wave's workloads one by one (each rollback registered first), then checks each; returns why it failed, or null.</summary>
    public async Task<string?> RestartWaveAsync(int wave, IReadOnlyList<SecretUsage> usages)
    {
        var previous = plan!.CurrentVersion;
        Progress = Progress with { Wave = wave + 1 };
        await SetStatusAsync(RotationStatus.Deploying, Invariant($"wave {wave + 1} of {plan.Waves.Count}: restarting {usages.Count} workloads"));
        var steps = new List<RotationStep>();
        foreach (var usage in usages)
        {
            compensations.Register(usage.Workload, async () =>
            {
                await context.CallActivityAsync(nameof(RestartWorkloadActivity), new RestartWorkloadInput(input.Organisation, input.RotationId, usage, previous), TaskOptions.FromRetryPolicy(StepRetry));
                return $"restarted with {previous}";
            });
            await context.CallActivityAsync(nameof(RestartWorkloadActivity), new RestartWorkloadInput(input.Organisation, input.RotationId, usage, newVersion!), TaskOptions.FromRetryPolicy(StepRetry));
            steps.Add(new RotationStep(usage.Workload, "restarted", true, newVersion, Now));
            Progress = Progress with { Restarted = Progress.Restarted + 1 };
        }

        await SetStatusAsync(RotationStatus.Validating, Invariant($"wave {wave + 1}: checking {usages.Count(u => u.Check is not null)} workloads"), steps);
        steps.Clear();
        string? failure = null;
        foreach (var usage in usages)
        {
            if (usage.Check is not { } check)
            {
                steps.Add(new RotationStep(usage.Workload, "not checked", true, "no connectivity check is configured", Now));
                continue;
            }

            var problem = await CheckAsync(check);
            steps.Add(new RotationStep(usage.Workload, "checked", problem is null, problem ?? check.ToString(), Now));
            if (problem is not null)
            {
                failure = $"check of {usage.Workload} failed: {problem}";
                break;
            }

            Progress = Progress with { Checked = Progress.Checked + 1 };
        }

        await SetStatusAsync(failure is null ? RotationStatus.Deploying : RotationStatus.RollingBack, failure ?? Invariant($"wave {wave + 1} checked"), steps);
        return failure;
    }

    public async Task<SecretRotationOutcome> SucceedAsync()
    {
        await SweepAsync();
        return await FinishAsync(RotationStatus.Succeeded, Invariant($"version {newVersion} is current and every checked workload connects with it"), NotificationEvent.Completed);
    }

    /// <summary>Undoes every step, newest first (workloads restarted with the previous version, then the store's version restored), then ends with <paramref name="status"/>.</summary>
    public async Task<SecretRotationOutcome> RollBackAsync(RotationStatus status, string reason, NotificationEvent what)
    {
        if (compensations.Count > 0)
        {
            await SetStatusAsync(RotationStatus.RollingBack, reason);
            var results = await compensations.UnwindAsync(context, continueOnFailure: true);
            var steps = results.Select(r => new RotationStep(r.Name, "rolled back", r.Status == CompensationStatus.Done, r.Detail, new DateTimeOffset(DateTime.SpecifyKind(r.FinishedAt, DateTimeKind.Utc)))).ToList();
            await SetStatusAsync(RotationStatus.RollingBack, Invariant($"rolled back {steps.Count(s => s.Succeeded)} of {steps.Count} steps"), steps);
            var failed = steps.Count(s => !s.Succeeded);
            reason = failed == 0
                ? Invariant($"{reason}; rolled back to version {plan!.CurrentVersion}")
                : Invariant($"{reason}; {failed} of {steps.Count} steps could not be rolled back");
            await SweepAsync();
        }

        return await FinishAsync(status, reason, what);
    }

    public async Task<SecretRotationOutcome> FinishAsync(RotationStatus status, string reason, NotificationEvent what)
    {
        Report(status, reason);
        await context.CallActivityAsync(nameof(SetSecretRotationStatusActivity), new SecretRotationStatusChange(input.Organisation, input.RotationId, status, reason, Final: true), TaskOptions.FromRetryPolicy(StepRetry));
        await NotifyAsync(what, $"{EnumText<RotationStatus>.Of(status)}: {reason}");
        return new SecretRotationOutcome(status, reason, Progress);
    }

    private Task<string?> CheckAsync(ConnectivityCheck check) => RetriedProbe.UntilPassingAsync(context, CheckRetry, () =>
        context.CallActivityAsync<string?>(nameof(CheckWorkloadActivity), check, TaskOptions.FromRetryPolicy(StepRetry)));

    private async Task SweepAsync()
    {
        try
        {
            await context.CallActivityAsync<int>(nameof(SweepSecretSourceActivity), input, TaskOptions.FromRetryPolicy(StepRetry));
        }
        catch (TaskFailedException)
        {
            // The source's schedule brings the change in later; the rotation's outcome stands.
        }
    }

    private Task SetStatusAsync(RotationStatus status, string message, IReadOnlyList<RotationStep>? steps = null, string? version = null)
    {
        Report(status, message);
        return context.CallActivityAsync(nameof(SetSecretRotationStatusActivity), new SecretRotationStatusChange(input.Organisation, input.RotationId, status, message, steps is null ? null : [.. steps], version), TaskOptions.FromRetryPolicy(StepRetry));
    }

    private async Task<string> NotifyAsync(NotificationEvent what, string text, ApprovalView? approval = null, string? replaces = null)
    {
        var id = $"{input.RotationId}:{EnumText<NotificationEvent>.Of(what)}";
        await context.CallActivityAsync(nameof(NotifyActivity), new Notification
        {
            Id = id,
            Organisation = input.Organisation,
            Event = what,
            Subject = input.RotationId,
            Text = $"Rotation {input.RotationId} of secret {plan?.SecretId}: {text}",
            Approval = approval,
            Replaces = replaces,
            Data = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["rotationId"] = input.RotationId,
                ["secretId"] = plan?.SecretId ?? string.Empty,
                ["status"] = EnumText<RotationStatus>.Of(Progress.Status),
            },
            CreatedAt = Now,
        }, TaskOptions.FromRetryPolicy(StepRetry));
        return id;
    }

    private static ApprovalView View(Approval approval, SecretRotationPlan planned, string requestedBy) => new(
        approval.Id,
        SecretRotationKinds.Approval,
        approval.Subject,
        Invariant($"Rotate secret {planned.SecretId} and restart {planned.Waves.Sum(w => w.Count)} workloads in {string.Join(", ", planned.Environments)}"),
        planned.Risk.Level.ToString(),
        planned.Risk.Score,
        requestedBy,
        approval.ExpiresAt,
        [
            new("Workloads", string.Join(", ", planned.Waves.SelectMany(w => w).Select(u => u.Workload))),
            new("Waves", Invariant($"{planned.Waves.Count}")),
            new("Approvers needed", Invariant($"{approval.RequiredApprovals}")),
        ]);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
