using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qlrf.Audit;
using Qlrf.Compliance.EvidencePacks;
using Qlrf.Errors;
using Qlrf.Orchestration;

namespace Qlrf.Compliance.Evidence;

/// <summary>Decides the pack's scope; records the step.</summary>
public sealed class ScopeEvidencePackActivity(IEvidencePackStore store, EvidenceScoper scoper) : Activity<EvidencePackInput, EvidenceScope>
{
    public override async Task<EvidenceScope> RunAsync(ActivityContext context, EvidencePackInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var pack = await EvidencePackSteps.FindAsync(store, input.Organisation, input.PackId, context.CancellationToken);
        await store.UpdateAsync(input.Organisation, input.PackId, p => p.IsTerminal ? p : p with { Progress = new("scoping", 0) }, context.CancellationToken);
        return await scoper.ScopeAsync(pack, context.CancellationToken);
    }
}

/// <summary>
/// Evaluates the controls and writes the signed ZIP into the store (replacing any partial one of an earlier try), then
/// records its files, size and signer. A pack already stored is left as it is.
/// </summary>
public sealed class WriteEvidencePackActivity(IEvidencePackStore store, EvidencePackWriter writer, IServiceProvider services) : Activity<WriteEvidencePackInput, EvidencePackStepResult>
{
    public override async Task<EvidencePackStepResult> RunAsync(ActivityContext context, WriteEvidencePackInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var pack = await EvidencePackSteps.FindAsync(store, input.Organisation, input.PackId, ct);
        if (pack.Status == EvidencePackStatus.Completed)
        {
            return new EvidencePackStepResult(pack.Files.Count, pack.Size ?? 0);
        }

        var evaluator = EvidencePackSteps.Evaluator(services);
        var controls = await evaluator.EvaluateAsync(pack.Organisation, pack.Framework, pack.Environments, ct);
        var frameworks = new List<FrameworkResult>();
        foreach (var framework in evaluator.Frameworks)
        {
            frameworks.Add(framework.Id == pack.Framework ? controls : await evaluator.EvaluateAsync(pack.Organisation, framework.Id, pack.Environments, ct));
        }

        EvidencePackWritten? written = null;
        await store.WriteContentAsync(pack.Organisation, pack.Id, async (stream, token) =>
            written = await writer.WriteAsync(pack, input.Scope, controls, frameworks, stream, step =>
                store.UpdateAsync(pack.Organisation, pack.Id, p => p with { Progress = new("writing " + step.Step, step.FilesWritten) }, token), token), ct);
        var result = written!;
        await store.UpdateAsync(pack.Organisation, pack.Id, p => p with
        {
            Files = result.Files,
            Size = result.Size,
            Sha256 = result.Sha256,
            Signature = result.Signer,
            Progress = new("written", result.Files.Count),
        }, ct);
        return new EvidencePackStepResult(result.Files.Count, result.Size);
    }
}

/// <summary>Verifies the stored pack against its index and the host's key, then marks it stored and audits it. A pack already stored is left as it is.</summary>
public sealed class CompleteEvidencePackActivity(IEvidencePackStore store, EvidencePackSigningKey key, IAuditLog audit, TimeProvider time, ILogger<CompleteEvidencePackActivity> logger)
    : Activity<EvidencePackInput, EvidencePackStepResult>
{
    public override async Task<EvidencePackStepResult> RunAsync(ActivityContext context, EvidencePackInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var ct = context.CancellationToken;
        var pack = await EvidencePackSteps.FindAsync(store, input.Organisation, input.PackId, ct);
        if (pack.Status == EvidencePackStatus.Completed)
        {
            return new EvidencePackStepResult(pack.Files.Count, pack.Size ?? 0);
        }

        await store.UpdateAsync(input.Organisation, input.PackId, p => p with { Progress = new("verifying", p.Files.Count) }, ct);
        var verification = await EvidencePackSteps.VerifyStoredAsync(store, pack, key.PublicKeyPem, ct)
            ?? throw new InvalidOperationException($"Evidence pack {pack.Id} has no stored content.");
        if (!verification.Verified)
        {
            throw new InvalidOperationException($"Evidence pack {pack.Id} does not verify as stored: " + string.Join("; ", verification.Problems.Select(p => $"{p.Path} {p.Problem}")));
        }

        var stored = await store.UpdateAsync(input.Organisation, input.PackId, p => p with
        {
            Status = EvidencePackStatus.Completed,
            CompletedAt = p.CompletedAt ?? time.GetUtcNow(),
            Progress = new("stored", p.Files.Count),
        }, ct);
        await audit.AppendAsync(new AuditEvent
        {
            Organisation = pack.Organisation,
            Actor = "system",
            Action = EvidencePackAudit.EvidencePackStored,
            Target = EvidencePackAudit.Target(pack.Id),
            Outcome = AuditOutcome.Success,
            Source = "orchestration:" + context.InstanceId,
            Details = new Dictionary<string, string>
            {
                ["framework"] = pack.Framework,
                ["files"] = stored.Files.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["sha256"] = stored.Sha256 ?? string.Empty,
                ["keyFingerprint"] = stored.Signature?.KeyFingerprint ?? string.Empty,
            },
        }, ct);
        EvidencePackLogs.Stored(logger, pack.Id, stored.Files.Count, stored.Size ?? 0, stored.Signature?.KeyFingerprint ?? string.Empty);
        return new EvidencePackStepResult(stored.Files.Count, stored.Size ?? 0);
    }
}

/// <summary>Marks the pack failed with why, and audits it; a pack already stored or failed is left as it is.</summary>
public sealed class FailEvidencePackActivity(IEvidencePackStore store, IAuditLog audit, TimeProvider time, ILogger<FailEvidencePackActivity> logger) : Activity<FailEvidencePackInput, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, FailEvidencePackInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var pack = await store.GetAsync(input.Organisation, input.PackId, context.CancellationToken);
        if (pack is null || pack.IsTerminal)
        {
            return false;
        }

        await store.UpdateAsync(input.Organisation, input.PackId, p => p with
        {
            Status = EvidencePackStatus.Failed,
            Error = input.Reason,
            CompletedAt = time.GetUtcNow(),
            Progress = new("failed", p.Files.Count),
        }, context.CancellationToken);
        await audit.AppendAsync(new AuditEvent
        {
            Organisation = input.Organisation,
            Actor = "system",
            Action = EvidencePackAudit.EvidencePackFailed,
            Target = EvidencePackAudit.Target(input.PackId),
            Outcome = AuditOutcome.Failed,
            Source = "orchestration:" + context.InstanceId,
            Details = new Dictionary<string, string> { ["reason"] = input.Reason.Length > 500 ? input.Reason[..500] : input.Reason },
        }, context.CancellationToken);
        EvidencePackLogs.Failed(logger, input.PackId, input.Reason);
        return true;
    }
}

/// <summary>What the steps and the API share: finding a pack, the evaluator, and verifying stored content.</summary>
public static class EvidencePackSteps
{
    public static async Task<EvidencePack> FindAsync(IEvidencePackStore store, string organisation, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return await store.GetAsync(organisation, id, cancellationToken) ?? throw new NotFoundException($"There is no evidence pack '{id}'.");
    }

    /// <summary>The compliance engine, resolved when needed: evidence packs read control results only through <see cref="IComplianceEvaluator"/>.</summary>
    public static IComplianceEvaluator Evaluator(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetService<IComplianceEvaluator>()
            ?? throw new InvalidOperationException("No compliance evaluator is registered (IComplianceEvaluator): evidence packs need the compliance engine's control results.");
    }

    /// <summary>Verifies the stored content with the public key given; null when none is stored. A content stream that cannot seek is spooled to a temporary file first.</summary>
    public static async Task<EvidencePackVerification?> VerifyStoredAsync(IEvidencePackStore store, EvidencePack pack, string? trustedPublicKeyPem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(pack);
        var content = await store.OpenContentAsync(pack.Organisation, pack.Id, cancellationToken);
        if (content is null)
        {
            return null;
        }

        await using (content)
        {
            if (content.CanSeek)
            {
                return await EvidencePackVerifier.VerifyAsync(content, trustedPublicKeyPem, cancellationToken);
            }

            var spool = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
            await using (spool)
            {
                await content.CopyToAsync(spool, cancellationToken);
                spool.Position = 0;
                return await EvidencePackVerifier.VerifyAsync(spool, trustedPublicKeyPem, cancellationToken);
            }
        }
    }
}
