using Qlrf.Ai.Tools;
using Qlrf.Certificates;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Workflows.Certificates;

namespace Qlrf.Ai.Validation;

/// <summary>
/// The certificate proposals: a rotation checked and started through <see cref="CertificateRotationLauncher"/> (the path
/// of <c>POST /api/v1/certificates/{id}/rotations</c>, so it waits for its own approval), and an alert's acknowledgement.
/// </summary>
public sealed partial class AiProposals
{
    public const string Rotation = "rotation";
    public const string Alert = "alert";

    /// <summary>The kind of workflow a proposing tool makes.</summary>
    public static string KindOf(string tool) => tool switch
    {
        AiToolNames.ProposeRollout => Rollout,
        AiToolNames.ProposeDrill => Drill,
        AiToolNames.ProposeCertificateRotation => Rotation,
        AiToolNames.AcknowledgeAlert => Alert,
        _ => throw new InvalidOperationException($"{tool} is not a proposal."),
    };

    private async Task<ProposalCheck> CheckRotationAsync(string organisation, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        var target = await rotationLauncher.TargetAsync(organisation, CertificateId(call), cancellationToken);
        var problems = new List<PlanProblem>();
        if (await rotationLauncher.LiveAsync(organisation, target.Certificate.Id, cancellationToken) is { } live)
        {
            problems.Add(new PlanProblem(PlanCheck.Scope, $"certificate {target.Certificate.Id} is already being rotated ({live.Id}, {EnumText<RotationStatus>.Of(live.Status)}).", index));
        }

        return new ProposalCheck(target.Environments.Any(IsProduction) ? AiRisk.StateChangeProd : AiRisk.StateChangeNonprod, target.Environments, problems);
    }

    private async Task<ProposalCheck> CheckAlertAsync(string organisation, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        var alert = await AlertAsync(organisation, call, cancellationToken);
        var problems = new List<PlanProblem>();
        if (alert.Acknowledged)
        {
            problems.Add(new PlanProblem(PlanCheck.Scope, $"alert {alert.Id} was acknowledged by {alert.AcknowledgedBy}.", index));
        }

        // Acknowledging records that a person saw the alert; it changes no certificate, in production or elsewhere.
        return new ProposalCheck(AiRisk.StateChangeNonprod, [alert.Environment], problems);
    }

    private async Task<AiProposal> StartRotationAsync(string organisation, string requestedBy, string key, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        var target = await rotationLauncher.TargetAsync(organisation, CertificateId(call), cancellationToken);
        var rotation = await rotationLauncher.StartAsync(target, requestedBy, call.Text("reason"), call.Whole("validityDays"), key, cancellationToken);
        return new AiProposal(index, Rotation, rotation.Id, EnumText<RotationStatus>.Of(rotation.Status), rotation.IsTerminal);
    }

    private async Task<AiProposal> AcknowledgeAsync(string organisation, string requestedBy, int index, AiToolCall call, CancellationToken cancellationToken)
    {
        var alert = await AlertAsync(organisation, call, cancellationToken);
        var (acknowledged, refusal) = CertificateAlertRules.Acknowledge(alert, requestedBy, call.Text("comment"), time.GetUtcNow());
        if (refusal is not null)
        {
            // Acknowledged by this task before a redelivery: the same outcome.
            return alert.AcknowledgedBy == requestedBy ? new AiProposal(index, Alert, alert.Id, "acknowledged", Finished: true) : throw new ConflictException(refusal);
        }

        await certificates.SaveAlertAsync(acknowledged!, cancellationToken);
        return new AiProposal(index, Alert, alert.Id, "acknowledged", Finished: true);
    }

    private async Task<AiProposal> RefreshRotationAsync(string organisation, AiProposal proposal, CancellationToken cancellationToken)
    {
        var rotation = await certificates.GetRotationAsync(organisation, proposal.Id, cancellationToken);
        return rotation is null ? proposal with { Status = "missing", Finished = true }
            : proposal with { Status = EnumText<RotationStatus>.Of(rotation.Status), Finished = rotation.IsTerminal };
    }

    private async Task<CertificateAlert> AlertAsync(string organisation, AiToolCall call, CancellationToken cancellationToken) =>
        call.Text("alert") is { } id
            ? await certificates.GetAlertAsync(organisation, id, cancellationToken) ?? throw new RequestValidationException("alert", $"there is no certificate alert '{id}'.")
            : throw new RequestValidationException("alert", "is required.");

    private static string CertificateId(AiToolCall call) =>
        call.Text("certificate") ?? throw new RequestValidationException("certificate", "is required.");
}
