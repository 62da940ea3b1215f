using Microsoft.Extensions.Options;
using Qlrf.Certificates;
using Qlrf.Errors;
using Qlrf.Orchestration;
using Qlrf.Secrets;

namespace Qlrf.Workflows.Secrets;

/// <summary>
/// Plans the rotation from the secret, the workloads referencing it (each with its connectivity check: a configured one
/// first, else the store's own) and recent rotations; stores the plan. Refuses workloads nothing can restart, and a
/// store no versioner serves.
/// </summary>
public sealed class PlanSecretRotationActivity(
    ISecretStore store, IEnumerable<ISecretVersioner> versioners, IEnumerable<ISecretWorkloadRestarter> restarters, IEnumerable<IConnectivityCheckSource> checks, IOptions<SecretsOptions> options)
    : Activity<SecretRotationInput, SecretRotationPlan>
{
    public override async Task<SecretRotationPlan> RunAsync(ActivityContext context, SecretRotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var rotation = await store.GetRotationAsync(input.Organisation, input.RotationId, ct) ?? throw new NotFoundException($"There is no secret rotation '{input.RotationId}'.");
        if (rotation.Plan is not null)
        {
            return rotation.Plan;
        }

        var secret = await store.GetAsync(input.Organisation, rotation.SecretId, ct) ?? throw new NotFoundException($"There is no secret '{rotation.SecretId}'.");
        if (!versioners.Any(v => v.StoreKind == secret.StoreKind))
        {
            throw new InvalidOperationException($"No versioner adds versions to secrets of store kind '{secret.StoreKind}'.");
        }

        var ordered = checks.OrderBy(c => c is ConfiguredConnectivityChecks ? 0 : 1).ToList();
        var usages = secret.Workloads.Select(w => new SecretUsage(secret.Id, w, secret.Environment, ordered.Select(c => c.CheckFor(secret, w)).FirstOrDefault(c => c is not null))).ToList();
        var stranded = usages.Where(u => !restarters.Any(r => r.CanRestart(secret, u))).ToList();
        if (stranded.Count > 0)
        {
            throw new InvalidOperationException($"Nothing can restart {string.Join(", ", stranded.Select(u => u.Workload))}.");
        }

        var fleet = (await store.ListAllAsync(input.Organisation, ct)).Sum(s => s.Workloads.Count);
        var history = (await store.ListRotationsAsync(input.Organisation, secret.Id, ct)).Where(r => r.Id != rotation.Id && r.IsTerminal).Take(10).ToList();
        var plan = SecretRotationPlanner.Plan(secret, usages, fleet, (history.Count, history.Count(r => r.Status is RotationStatus.RolledBack or RotationStatus.Failed)), options.Value.Rotation.ToPolicy());
        await store.UpdateRotationAsync(input.Organisation, input.RotationId, r => r with { Plan = plan, PreviousVersion = secret.Version }, ct);
        return plan;
    }
}

/// <summary>Reads who asked for a secret rotation.</summary>
public sealed class ReadSecretRotationActivity(ISecretStore store) : Activity<SecretRotationInput, SecretRotationHeader>
{
    public override async Task<SecretRotationHeader> RunAsync(ActivityContext context, SecretRotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var rotation = await store.GetRotationAsync(input.Organisation, input.RotationId, context.CancellationToken)
            ?? throw new NotFoundException($"There is no secret rotation '{input.RotationId}'.");
        return new SecretRotationHeader(rotation.SecretId, rotation.RequestedBy);
    }
}

/// <summary>Records a secret rotation's status, steps and new version.</summary>
public sealed class SetSecretRotationStatusActivity(ISecretStore store, TimeProvider time) : Activity<SecretRotationStatusChange, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, SecretRotationStatusChange input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        await store.UpdateRotationAsync(input.Organisation, input.RotationId, r => r with
        {
            Status = input.Status,
            Error = input.Final && input.Status != RotationStatus.Succeeded ? input.Message : r.Error,
            Steps = input.Steps is null ? r.Steps : [.. r.Steps, .. input.Steps.Where(s => !r.Steps.Contains(s))],
            NewVersion = input.NewVersion ?? r.NewVersion,
            CompletedAt = input.Final ? r.CompletedAt ?? time.GetUtcNow() : r.CompletedAt,
        }, context.CancellationToken);
        return true;
    }
}

/// <summary>Adds the new version to the secret's store; idempotent by rotation id.</summary>
public sealed class AddSecretVersionActivity(ISecretStore store, IEnumerable<ISecretVersioner> versioners) : Activity<SecretRotationInput, string>
{
    public override async Task<string> RunAsync(ActivityContext context, SecretRotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var (secret, versioner) = await SecretRotationTargets.ResolveAsync(store, versioners, input.Organisation, input.RotationId, context.CancellationToken);
        return await versioner.AddVersionAsync(secret, input.RotationId, context.CancellationToken);
    }
}

/// <summary>Makes a version current again in the secret's store (the rollback of a new version).</summary>
public sealed class RestoreSecretVersionActivity(ISecretStore store, IEnumerable<ISecretVersioner> versioners) : Activity<RestoreSecretVersionInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, RestoreSecretVersionInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var (secret, versioner) = await SecretRotationTargets.ResolveAsync(store, versioners, input.Organisation, input.RotationId, context.CancellationToken);
        await versioner.RestoreAsync(secret, input.Version, context.CancellationToken);
        return true;
    }
}

/// <summary>Restarts a workload with a version of the secret (rolling); restarting with the loaded version changes nothing.</summary>
public sealed class RestartWorkloadActivity(ISecretStore store, IEnumerable<ISecretWorkloadRestarter> restarters) : Activity<RestartWorkloadInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, RestartWorkloadInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var secret = await store.GetAsync(input.Organisation, input.Usage.SecretId, context.CancellationToken) ?? throw new NotFoundException($"There is no secret '{input.Usage.SecretId}'.");
        var restarter = restarters.FirstOrDefault(r => r.CanRestart(secret, input.Usage)) ?? throw new InvalidOperationException($"Nothing can restart {input.Usage.Workload}.");
        await restarter.RestartAsync(secret, input.Usage, input.Version, context.CancellationToken);
        return true;
    }
}

/// <summary>Runs a workload's connectivity check; returns why it failed, or null.</summary>
public sealed class CheckWorkloadActivity(IConnectivityChecker checker) : Activity<ConnectivityCheck, string?>
{
    public override Task<string?> RunAsync(ActivityContext context, ConnectivityCheck input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return checker.CheckAsync(input, context.CancellationToken);
    }
}

/// <summary>Sweeps the secret's source after a rotation, so the inventory shows the current version at once.</summary>
public sealed class SweepSecretSourceActivity(SecretSweeper sweeper, ISecretStore store) : Activity<SecretRotationInput, int>
{
    public override async Task<int> RunAsync(ActivityContext context, SecretRotationInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var rotation = await store.GetRotationAsync(input.Organisation, input.RotationId, context.CancellationToken);
        return rotation?.Plan is null ? 0 : (await sweeper.SweepAsync(input.Organisation, rotation.Plan.Store, context.CancellationToken)).Count;
    }
}

/// <summary>The rotated secret and the versioner of its store.</summary>
internal static class SecretRotationTargets
{
    public static async Task<(Secret Secret, ISecretVersioner Versioner)> ResolveAsync(ISecretStore store, IEnumerable<ISecretVersioner> versioners, string organisation, string rotationId, CancellationToken cancellationToken)
    {
        var rotation = await store.GetRotationAsync(organisation, rotationId, cancellationToken) ?? throw new NotFoundException($"There is no secret rotation '{rotationId}'.");
        var secret = await store.GetAsync(organisation, rotation.SecretId, cancellationToken) ?? throw new NotFoundException($"There is no secret '{rotation.SecretId}'.");
        var versioner = versioners.FirstOrDefault(v => v.StoreKind == secret.StoreKind) ?? throw new InvalidOperationException($"No versioner serves store kind '{secret.StoreKind}'.");
        return (secret, versioner);
    }
}
