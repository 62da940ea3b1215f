using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Dr;
using Qlrf.Errors;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Drills;

/// <summary>
/// Starts drills, for the API and the scheduler alike: one live drill per pair, an idempotency key making a
/// retried request return the same drill, the settings of <c>Qlrf:Dr</c> fixed into the drill's input, and the
/// orchestration started under the drill's id (<c>dr-{org}-{guid}</c>).
/// </summary>
public sealed class DrillLauncher(
    IDrillStore drills,
    OrchestrationTenancy orchestrations,
    DrExecutors executors,
    IOptions<DrOptions> options,
    TimeProvider time,
    ILogger<DrillLauncher> logger)
{
    /// <summary>How long a drill's record may wait for its orchestration to appear before it counts as abandoned.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Starts a drill of the pair. Throws <see cref="ConflictException"/> when no executor serves the pair's sites,
    /// when the pair has a live drill, or when the idempotency key was used for a different drill.
    /// </summary>
    public async Task<DrillStart> StartAsync(DrPair pair, DrillRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(request);
        if (executors.Find(pair.Organisation, pair.PrimarySite, pair.RecoverySite) is null)
        {
            throw new ConflictException($"No DR executor serves sites {pair.PrimarySite} and {pair.RecoverySite}; a drill of pair '{pair.Id}' cannot run.");
        }

        var now = time.GetUtcNow();
        var record = new DrillRecord
        {
            Organisation = pair.Organisation,
            Id = DrillId(pair.Organisation, request, now),
            PairId = pair.Id,
            Kind = request.Kind,
            DryRun = request.DryRun,
            Trigger = request.Trigger,
            RequestedBy = request.RequestedBy,
            CreatedAt = now,
            UpdatedAt = now,
        };
        for (var attempt = 0; ; attempt++)
        {
            var start = await drills.TryStartAsync(record, cancellationToken);
            switch (start.Result)
            {
                case DrillStartResult.Exists when start.Drill.PairId != pair.Id || start.Drill.Kind != request.Kind || start.Drill.DryRun != request.DryRun:
                    throw new ConflictException($"The idempotency key was used for another drill ({start.Drill.Id}).");
                case DrillStartResult.Exists:
                    if (!start.Drill.Status.IsFinished() && await orchestrations.For(start.Drill.Organisation).GetAsync(start.Drill.Id, false, cancellationToken) is null)
                    {
                        await ScheduleAsync(pair, start.Drill, cancellationToken);
                    }

                    return start;
                case DrillStartResult.Busy when attempt == 0 && await AbandonIfStaleAsync(start.Drill, now, cancellationToken):
                    continue;
                case DrillStartResult.Busy:
                    throw new ConflictException($"Pair '{pair.Id}' already has a live drill: {start.Drill.Id} ({EnumText<DrillStatus>.Of(start.Drill.Status)}). Wait for it, or cancel it.");
                default:
                    await ScheduleAsync(pair, record, cancellationToken);
                    DrTelemetry.DrillsStarted.Add(1, new("trigger", EnumText<DrillTrigger>.Of(request.Trigger)), new("kind", EnumText<DrillKind>.Of(request.Kind)));
                    return start;
            }
        }
    }

    private async Task ScheduleAsync(DrPair pair, DrillRecord drill, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var input = new DrillInput
        {
            DrillId = drill.Id,
            Organisation = drill.Organisation,
            Pair = pair,
            Kind = drill.Kind,
            DryRun = drill.DryRun,
            Trigger = drill.Trigger,
            RequestedBy = drill.RequestedBy,
            Unattended = drill.Trigger == DrillTrigger.Schedule && drill.Kind == DrillKind.TestFailover && pair.Policy.AllowUnattendedTestFailover,
            Settings = new DrillSettings(
                settings.ApprovalTimeout,
                drill.Kind == DrillKind.PlannedFailover ? settings.HighRiskApprovers : 1,
                settings.PollInterval,
                settings.JobTimeout,
                settings.ActivityAttempts,
                settings.ActivityRetryDelay),
        };
        try
        {
            await orchestrations.For(drill.Organisation).ScheduleAsync(nameof(DrillOrchestrator), input, drill.Id, cancellationToken);
        }
        catch (ConflictException)
        {
            // Started by a concurrent retry of the same request.
        }
    }

    /// <summary>Frees a pair held by a drill whose orchestration ended without a report, or never started.</summary>
    private async Task<bool> AbandonIfStaleAsync(DrillRecord drill, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var instance = await orchestrations.For(drill.Organisation).GetAsync(drill.Id, false, cancellationToken);
        var stale = instance is null ? now - drill.CreatedAt > StartGrace : instance.IsCompleted;
        if (!stale)
        {
            return false;
        }

        var state = instance is null ? "never started" : EnumText<OrchestrationRuntimeStatus>.Of(instance.RuntimeStatus);
        await drills.AbandonAsync(drill.Organisation, drill.Id, $"The drill's orchestration ended without a report ({state}).", now, cancellationToken);
        DrLogs.DrillAbandoned(logger, drill.Id, drill.PairId, drill.Organisation, state);
        return true;
    }

    /// <summary>A new id, or with an idempotency key the same id for the same caller and key.</summary>
    private static string DrillId(string organisation, DrillRequest request, DateTimeOffset now)
    {
        if (request.IdempotencyKey is not { } key)
        {
            return $"dr-{organisation}-{Guid.CreateVersion7(now)}";
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{organisation}\n{request.RequestedBy}\n{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return $"dr-{organisation}-{new Guid(hash.AsSpan(0, 16), bigEndian: true)}";
    }
}

/// <summary>A drill to start: its kind, whether a dry run, who asked and how, and an optional idempotency key.</summary>
public sealed record DrillRequest(DrillKind Kind, bool DryRun, DrillTrigger Trigger, string RequestedBy, string? IdempotencyKey = null);
