using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Certificates.Sweeps;
using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Certificates;

/// <summary>Plans the rotation from the certificate, its usages and recent rotations; stores the plan. Refuses usages no deployer can update.</summary>
public sealed class PlanRotationActivity(ICertificateStore store, IEnumerable<ICertificateDeployer> deployers, IOptions<CertificatesOptions> options) : Activity<RotationInput, RotationPlan>
{
    public override async Task<RotationPlan> RunAsync(ActivityContext context, RotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var rotation = await store.GetRotationAsync(input.Organisation, input.RotationId, ct) ?? throw new NotFoundException($"There is no rotation '{input.RotationId}'.");
        if (rotation.Plan is not null)
        {
            return rotation.Plan;
        }

        var certificate = await store.GetAsync(input.Organisation, rotation.CertificateId, ct) ?? throw new NotFoundException($"There is no certificate '{rotation.CertificateId}'.");
        var usages = await store.ListUsagesAsync(input.Organisation, certificate.Id, ct);
        var total = await store.CountUsagesAsync(input.Organisation, ct);
        var history = (await store.ListRotationsAsync(input.Organisation, certificate.Id, ct)).Where(r => r.Id != rotation.Id && r.IsTerminal).Take(10).ToList();
        var plan = RotationPlanner.Plan(
            certificate,
            new RotationRequest(certificate.Id, rotation.RequestedBy, rotation.ValidityDays, rotation.Reason),
            usages,
            total,
            (history.Count, history.Count(r => r.Status is RotationStatus.RolledBack or RotationStatus.Failed)),
            options.Value.Rotation.ToPolicy());
        var undeployable = plan.Waves.SelectMany(w => w).Where(u => !deployers.Any(d => d.CanDeploy(certificate, u))).ToList();
        if (undeployable.Count > 0)
        {
            throw new InvalidOperationException($"No deployer can update {string.Join(", ", undeployable.Select(u => $"{u.Kind} {u.Target}"))}.");
        }

        await store.UpdateRotationAsync(input.Organisation, input.RotationId, r => r with { Plan = plan, PreviousThumbprint = certificate.Thumbprint }, ct);
        return plan;
    }
}

/// <summary>Records a rotation's status, steps and issued version.</summary>
public sealed class SetRotationStatusActivity(ICertificateStore store, TimeProvider time) : Activity<RotationStatusChange, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, RotationStatusChange input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await store.UpdateRotationAsync(input.Organisation, input.RotationId, r => r with
        {
            Status = input.Status,
            Error = input.Final && input.Status != RotationStatus.Succeeded ? input.Message : r.Error,
            Steps = input.Steps is null ? r.Steps : [.. r.Steps, .. input.Steps.Where(s => !r.Steps.Contains(s))],
            NewThumbprint = input.Issued?.Thumbprint ?? r.NewThumbprint,
            NewNotAfter = input.Issued?.NotAfter ?? r.NewNotAfter,
            CompletedAt = input.Final ? r.CompletedAt ?? time.GetUtcNow() : r.CompletedAt,
        }, context.CancellationToken);
        return true;
    }
}

/// <summary>Issues the new version in the certificate's store; idempotent by rotation id.</summary>
public sealed class IssueVersionActivity(ICertificateStore store, IEnumerable<ICertificateIssuer> issuers) : Activity<RotationInput, IssuedVersion>
{
    public override async Task<IssuedVersion> RunAsync(ActivityContext context, RotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var rotation = await store.GetRotationAsync(input.Organisation, input.RotationId, ct) ?? throw new NotFoundException($"There is no rotation '{input.RotationId}'.");
        var certificate = await store.GetAsync(input.Organisation, rotation.CertificateId, ct) ?? throw new NotFoundException($"There is no certificate '{rotation.CertificateId}'.");
        var issuer = issuers.FirstOrDefault(i => i.StoreKind == certificate.StoreKind)
            ?? throw new InvalidOperationException($"No issuer serves certificates of store kind '{certificate.StoreKind}'.");
        return await issuer.IssueAsync(certificate, rotation.Plan!.NewVersion, rotation.Id, ct);
    }
}

/// <summary>After a rollback, makes the previous version the store's current one again (where the store can); idempotent.</summary>
public sealed class RestoreVersionActivity(ICertificateStore store, IEnumerable<ICertificateIssuer> issuers) : Activity<RestoreVersionInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, RestoreVersionInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var rotation = await store.GetRotationAsync(input.Organisation, input.RotationId, ct) ?? throw new NotFoundException($"There is no rotation '{input.RotationId}'.");
        var certificate = await store.GetAsync(input.Organisation, rotation.CertificateId, ct) ?? throw new NotFoundException($"There is no certificate '{rotation.CertificateId}'.");
        var issuer = issuers.FirstOrDefault(i => i.StoreKind == certificate.StoreKind)
            ?? throw new InvalidOperationException($"No issuer serves certificates of store kind '{certificate.StoreKind}'.");
        return await issuer.RestoreAsync(certificate, input.Thumbprint, ct);
    }
}

/// <summary>Deploys a version to a usage (endpoint reload, secret update and rolling restart). Deploying what is deployed changes nothing.</summary>
public sealed class DeployUsageActivity(ICertificateStore store, IEnumerable<ICertificateDeployer> deployers) : Activity<DeployUsageInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, DeployUsageInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var certificate = await store.GetAsync(input.Organisation, input.CertificateId, context.CancellationToken)
            ?? throw new NotFoundException($"There is no certificate '{input.CertificateId}'.");
        var deployer = deployers.FirstOrDefault(d => d.CanDeploy(certificate, input.Usage))
            ?? throw new InvalidOperationException($"No deployer can update {input.Usage.Kind} {input.Usage.Target}.");
        await deployer.DeployAsync(certificate, input.Usage, input.Thumbprint, context.CancellationToken);
        return true;
    }
}

/// <summary>Handshakes with an endpoint; returns why it does not serve the expected version validly, or null.</summary>
public sealed class ValidateEndpointActivity(ITlsProbe probe, TimeProvider time) : Activity<ValidateEndpointInput, string?>
{
    public override async Task<string?> RunAsync(ActivityContext context, ValidateEndpointInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var result = await probe.ProbeAsync(TlsTarget.Parse(input.Target), context.CancellationToken);
        return RotationValidation.Failure(result, input.ExpectedThumbprint, time.GetUtcNow());
    }
}

/// <summary>
/// Sweeps the certificate's source after a rotation, and the sources of the secret copies it deployed to (a Kubernetes
/// source), so the inventory shows the served version, and the copies stay linked to it, at once.
/// </summary>
public sealed class SweepCertificateSourceActivity(CertificateSweeper sweeper, ICertificateStore store) : Activity<RotationInput, int>
{
    public override async Task<int> RunAsync(ActivityContext context, RotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var rotation = await store.GetRotationAsync(input.Organisation, input.RotationId, ct);
        if (rotation?.Plan is null)
        {
            return 0;
        }

        var sources = new List<string> { rotation.Plan.Store };
        foreach (var copy in rotation.Plan.Waves.SelectMany(w => w).Where(u => u.Kind == UsageKind.Secret).Select(u => u.Target).Distinct(StringComparer.Ordinal))
        {
            if (await store.GetAsync(input.Organisation, copy, ct) is { } secret && !sources.Contains(secret.Store, StringComparer.OrdinalIgnoreCase))
            {
                sources.Add(secret.Store);
            }
        }

        var changes = 0;
        foreach (var source in sources)
        {
            changes += (await sweeper.SweepAsync(input.Organisation, source, ct)).Count;
        }

        return changes;
    }
}
