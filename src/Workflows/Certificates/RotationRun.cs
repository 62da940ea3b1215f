using System.Globalization;
using Qlrf.Approvals;
using Qlrf.Certificates;
using Qlrf.Json;
using Qlrf.Notifications;
using Qlrf.Orchestration;
using Qlrf.Workflows.Approvals;
using Qlrf.Workflows.Compensation;
using Qlrf.Workflows.Control;
using Qlrf.Workflows.Notifications;

namespace Qlrf.Workflows.Certificates;

/// <summary>
/// One execution of a rotation orchestration: plan, issued version, progress and compensations. Like its orchestrator
/// it only schedules, and is rebuilt the same way on every replay.
/// </summary>
internal sealed class RotationRun(IOrchestrationContext context, RotationInput input)
{
    public static readonly RetryPolicy StepRetry = new(3, TimeSpan.FromSeconds(2), 2);

    /// <summary>A handshake right after a reload may race the endpoint: a few tries, briefly apart.</summary>
    private static readonly RetryPolicy DeployRetry = new(3, TimeSpan.FromSeconds(1), 2);

    private readonly Compensations compensations = new();
    private RotationPlan? plan;
    private IssuedVersion? issued;

    public RotationProgress Progress { get; private set; } = new() { Status = RotationStatus.Planning };

    private DateTimeOffset Now => new(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));

    public void Planned(RotationPlan planned)
    {
        plan = planned;
        Report(RotationStatus.Planning, Invariant($"{planned.Waves.Sum(w => w.Count)} usages in {planned.Waves.Count} waves, risk {planned.Risk.Level}"));
        Progress = Progress with { Waves = planned.Waves.Count, Total = planned.Waves.Sum(w => w.Count) };
    }

    public void Report(RotationStatus status, string? message)
    {
        Progress = Progress with { Status = status, Message = message };
        context.SetCustomStatus(Progress);
    }

    public async Task<ApprovalOutcome> ApproveAsync(RotationPlan planned)
    {
        var rotation = await context.CallActivityAsync<CertificateRotationHeader>(nameof(ReadRotationActivity), input, TaskOptions.FromRetryPolicy(StepRetry));
        var approval = new Approval
        {
            Id = $"{input.RotationId}:approval",
            Organisation = input.Organisation,
            Kind = CertificateRotationKinds.Approval,
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

    public async Task IssueAsync()
    {
        await SetStatusAsync(RotationStatus.Issuing, "issuing the new version");
        issued = await context.CallActivityAsync<IssuedVersion>(nameof(IssueVersionActivity), input, TaskOptions.FromRetryPolicy(StepRetry));
        Progress = Progress with { NewThumbprint = issued.Thumbprint };
        await SetStatusAsync(RotationStatus.Deploying, Invariant($"issued {issued.Thumbprint}, valid until {issued.NotAfter:u}"), issued: issued);
    }

    /// <summary>Deploys the wave (each usage's rollback registered first), then validates its endpoints; returns why it failed, or null.</summary>
    public async Task<string?> DeployWaveAsync(int wave, IReadOnlyList<CertificateUsage> usages)
    {
        var certificateId = plan!.CertificateId;
        var previous = plan.CurrentThumbprint;
        Progress = Progress with { Wave = wave + 1 };
        await SetStatusAsync(RotationStatus.Deploying, Invariant($"wave {wave + 1} of {plan.Waves.Count}: deploying to {usages.Count} usages"));
        var steps = new List<RotationStep>();
        foreach (var usage in usages)
        {
            compensations.Register(usage.Target, async () =>
            {
                await context.CallActivityAsync(nameof(DeployUsageActivity), new DeployUsageInput(input.Organisation, input.RotationId, certificateId, usage, previous), TaskOptions.FromRetryPolicy(StepRetry));
                return $"restored {previous}";
            });
            await context.CallActivityAsync(nameof(DeployUsageActivity), new DeployUsageInput(input.Organisation, input.RotationId, certificateId, usage, issued!.Thumbprint), TaskOptions.FromRetryPolicy(StepRetry));
            steps.Add(new RotationStep(usage.Target, "deployed", true, issued.Thumbprint, Now));
            Progress = Progress with { Deployed = Progress.Deployed + 1 };
        }

        await SetStatusAsync(RotationStatus.Validating, Invariant($"wave {wave + 1}: validating {usages.Count(u => u.Kind == UsageKind.Endpoint)} endpoints by TLS handshake"), steps);
        steps.Clear();
        string? failure = null;
        foreach (var endpoint in usages.Where(u => u.Kind == UsageKind.Endpoint))
        {
            var problem = await ValidateAsync(endpoint.Target);
            steps.Add(new RotationStep(endpoint.Target, "validated", problem is null, problem, Now));
            if (problem is not null)
            {
                failure = $"validation of {endpoint.Target} failed: {problem}";
                break;
            }

            Progress = Progress with { Validated = Progress.Validated + 1 };
        }

        await SetStatusAsync(failure is null ? RotationStatus.Deploying : RotationStatus.RollingBack, failure ?? Invariant($"wave {wave + 1} validated"), steps);
        return failure;
    }

    public async Task<RotationOutcome> SucceedAsync()
    {
        await SweepAsync();
        return await FinishAsync(RotationStatus.Succeeded, Invariant($"every usage serves {issued!.Thumbprint}, validated by TLS handshake"), NotificationEvent.Completed);
    }

    /// <summary>
    /// Rolls every deployed usage back to the previous version, newest first; when all of them are back (or none was
    /// deployed) and a version was issued, makes the previous version the store's current one again, so the inventory
    /// shows what is served; then ends with <paramref name="status"/>.
    /// </summary>
    public async Task<RotationOutcome> RollBackAsync(RotationStatus status, string reason, NotificationEvent what)
    {
        var failed = 0;
        if (compensations.Count > 0)
        {
            await SetStatusAsync(RotationStatus.RollingBack, reason);
            var results = await compensations.UnwindAsync(context, continueOnFailure: true);
            var steps = results.Select(r => new RotationStep(r.Name, "rolled back", r.Status == CompensationStatus.Done, r.Detail, new DateTimeOffset(DateTime.SpecifyKind(r.FinishedAt, DateTimeKind.Utc)))).ToList();
            await SetStatusAsync(RotationStatus.RollingBack, Invariant($"rolled back {steps.Count(s => s.Succeeded)} of {steps.Count} usages"), steps);
            failed = steps.Count(s => !s.Succeeded);
            reason = failed == 0
                ? Invariant($"{reason}; {steps.Count} usages rolled back to {plan!.CurrentThumbprint}")
                : Invariant($"{reason}; {failed} of {steps.Count} usages could not be rolled back");
        }

        if (issued is not null && failed == 0)
        {
            await RestoreAsync();
        }

        if (compensations.Count > 0 || issued is not null)
        {
            await SweepAsync();
        }

        return await FinishAsync(status, reason, what);
    }

    public async Task<RotationOutcome> FinishAsync(RotationStatus status, string reason, NotificationEvent what)
    {
        Report(status, reason);
        await context.CallActivityAsync(nameof(SetRotationStatusActivity), new RotationStatusChange(input.Organisation, input.RotationId, status, reason, Final: true), TaskOptions.FromRetryPolicy(StepRetry));
        await NotifyAsync(what, $"{EnumText<RotationStatus>.Of(status)}: {reason}");
        return new RotationOutcome(status, reason, Progress);
    }

    private Task<string?> ValidateAsync(string target) => RetriedProbe.UntilPassingAsync(context, DeployRetry, () =>
        context.CallActivityAsync<string?>(nameof(ValidateEndpointActivity), new ValidateEndpointInput(input.Organisation, input.RotationId, target, issued!.Thumbprint), TaskOptions.FromRetryPolicy(StepRetry)));

    /// <summary>Makes the previous version current in the store again; a failure leaves the inventory behind, not the rollback.</summary>
    private async Task RestoreAsync()
    {
        try
        {
            await context.CallActivityAsync<bool>(nameof(RestoreVersionActivity), new RestoreVersionInput(input.Organisation, input.RotationId, plan!.CurrentThumbprint), TaskOptions.FromRetryPolicy(StepRetry));
        }
        catch (TaskFailedException)
        {
            // The usages are rolled back; only the inventory's current version lags until the store is corrected.
        }
    }

    private async Task SweepAsync()
    {
        try
        {
            await context.CallActivityAsync<int>(nameof(SweepCertificateSourceActivity), input, TaskOptions.FromRetryPolicy(StepRetry));
        }
        catch (TaskFailedException)
        {
            // The source's schedule brings the change in later; the rotation's outcome stands.
        }
    }

    private Task SetStatusAsync(RotationStatus status, string message, IReadOnlyList<RotationStep>? steps = null, IssuedVersion? issued = null)
    {
        Report(status, message);
        return context.CallActivityAsync(nameof(SetRotationStatusActivity), new RotationStatusChange(input.Organisation, input.RotationId, status, message, steps is null ? null : [.. steps], issued), TaskOptions.FromRetryPolicy(StepRetry));
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
            Text = $"Rotation {input.RotationId} of certificate {plan?.CertificateId}: {text}",
            Approval = approval,
            Replaces = replaces,
            Data = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["rotationId"] = input.RotationId,
                ["certificateId"] = plan?.CertificateId ?? string.Empty,
                ["status"] = EnumText<RotationStatus>.Of(Progress.Status),
            },
            CreatedAt = Now,
        }, TaskOptions.FromRetryPolicy(StepRetry));
        return id;
    }

    private static ApprovalView View(Approval approval, RotationPlan planned, string requestedBy) => new(
        approval.Id,
        CertificateRotationKinds.Approval,
        approval.Subject,
        Invariant($"Rotate certificate {planned.CertificateId} ({planned.NewVersion.ValidityDays} days) on {planned.Waves.Sum(w => w.Count)} usages in {string.Join(", ", planned.Environments)}"),
        planned.Risk.Level.ToString(),
        planned.Risk.Score,
        requestedBy,
        approval.ExpiresAt,
        [
            new("Blast radius", string.Join(", ", planned.BlastRadius.ByEnvironment.Select(e => Invariant($"{e.Key}: {e.Value}")))),
            new("Waves", Invariant($"{planned.Waves.Count}")),
            new("Approvers needed", Invariant($"{approval.RequiredApprovals}")),
        ]);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Names used by certificate rotations.</summary>
public static class CertificateRotationKinds
{
    /// <summary>The approval kind (and the approval listener's) of a rotation.</summary>
    public const string Approval = "certificate-rotation";
}

/// <summary>Who asked for a rotation.</summary>
public sealed record CertificateRotationHeader(string CertificateId, string RequestedBy);

/// <summary>Reads who asked for a rotation.</summary>
public sealed class ReadRotationActivity(ICertificateStore store) : Activity<RotationInput, CertificateRotationHeader>
{
    public override async Task<CertificateRotationHeader> RunAsync(ActivityContext context, RotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var rotation = await store.GetRotationAsync(input.Organisation, input.RotationId, context.CancellationToken)
            ?? throw new Errors.NotFoundException($"There is no rotation '{input.RotationId}'.");
        return new CertificateRotationHeader(rotation.CertificateId, rotation.RequestedBy);
    }
}
