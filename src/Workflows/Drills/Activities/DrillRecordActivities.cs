using System.Globalization;
using Microsoft.Extensions.Logging;
using Qlrf.Audit;
using Qlrf.Dr;
using Qlrf.Json;
using Qlrf.Orchestration;

namespace Qlrf.Workflows.Drills.Activities;

/// <summary>Records a drill's progress (phase and status) for listings, and audits it; a redelivered update changes nothing.</summary>
public sealed class RecordDrillProgressActivity(IDrillStore drills, IAuditLog audit) : Activity<DrillProgressUpdate, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, DrillProgressUpdate input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await drills.UpdateProgressAsync(input, context.CancellationToken))
        {
            return false;
        }

        var details = new Dictionary<string, string>
        {
            ["phase"] = EnumText<DrillPhase>.Of(input.Phase),
            ["status"] = EnumText<DrillStatus>.Of(input.Status),
        };
        if (input.Detail is { } detail)
        {
            details["detail"] = detail;
        }

        await audit.AppendAsync(new AuditEvent
        {
            Organisation = input.Organisation,
            Actor = "system",
            Action = DrillAudit.DrillProgressed,
            Target = DrillAudit.Target(input.DrillId),
            Outcome = AuditOutcome.Success,
            Source = "orchestration",
            Details = details,
        }, context.CancellationToken);
        return true;
    }
}

/// <summary>
/// Phase 8: stores the report and finishes the drill (its record, the pair's last drill, the pair freed), audits
/// the outcome with its measurements, and counts it. A redelivery changes nothing.
/// </summary>
public sealed class FinishDrillActivity(IDrillStore drills, IAuditLog audit, ILogger<FinishDrillActivity> logger) : Activity<DrillReport, bool>
{
    public override async Task<bool> RunAsync(ActivityContext context, DrillReport input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await drills.FinishAsync(input, context.CancellationToken))
        {
            return false;
        }

        var details = new Dictionary<string, string>
        {
            ["outcome"] = EnumText<DrillOutcome>.Of(input.Outcome),
            ["kind"] = EnumText<DrillKind>.Of(input.Kind),
            ["pair"] = input.Pair.Id,
            ["summary"] = input.Summary,
        };
        if (input.Rto?.Measured is { } rto)
        {
            details["rtoSeconds"] = rto.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            DrTelemetry.Rto.Record(rto.TotalSeconds);
        }

        if (input.Rpo?.Measured is { } rpo)
        {
            details["rpoSeconds"] = rpo.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            DrTelemetry.Rpo.Record(rpo.TotalSeconds);
        }

        await audit.AppendAsync(new AuditEvent
        {
            Organisation = input.Organisation,
            Actor = "system",
            Action = DrillAudit.DrillFinished,
            Target = DrillAudit.Target(input.DrillId),
            Outcome = input.Outcome == DrillOutcome.Passed ? AuditOutcome.Success : AuditOutcome.Failed,
            Source = "orchestration",
            Details = details,
        }, context.CancellationToken);
        DrTelemetry.DrillsFinished.Add(1, new KeyValuePair<string, object?>("outcome", EnumText<DrillOutcome>.Of(input.Outcome)));
        DrLogs.DrillFinished(logger, input.DrillId, input.Outcome, input.Summary);
        return true;
    }
}
