namespace Qlrf.Dr;

/// <summary>
/// What a drill records as it runs (phases, evidence, the first failure, failback steps, control signals),
/// turned into its <see cref="DrillReport"/> at the end. The orchestrator fills it from deterministic time,
/// so a replay rebuilds the same journal.
/// </summary>
public sealed class DrillJournal
{
    private readonly Dictionary<DrillPhase, PhaseRecord> phases = [];
    private readonly List<EvidenceItem> evidence = [];
    private readonly List<RestoreRecord> restored = [];
    private readonly List<ControlRecord> control = [];

    /// <summary>The first failure; later ones (during failback) are evidence.</summary>
    public DrillFailure? Failure { get; private set; }

    public DrillPhase Current { get; private set; } = DrillPhase.PreCheck;

    public IReadOnlyList<RestoreRecord> Restored => restored;

    public void Begin(DrillPhase phase, DateTimeOffset at)
    {
        Current = phase;
        phases[phase] = new PhaseRecord(phase, PhaseOutcome.NotRun, at, null, null);
    }

    public void Pass(DrillPhase phase, DateTimeOffset at, string? detail = null) => Finish(phase, PhaseOutcome.Passed, at, detail);

    /// <summary>Ends the phase as failed; the first failure of the drill becomes its <see cref="Failure"/>.</summary>
    public void Fail(DrillPhase phase, DateTimeOffset at, string reason, string? site = null)
    {
        Finish(phase, PhaseOutcome.Failed, at, reason);
        Failure ??= new DrillFailure(phase, site, reason);
    }

    /// <summary>Records a failure found after its phase ended (RTO or RPO over target) without changing the phase.</summary>
    public void Breach(DrillPhase phase, string reason, string? site)
    {
        Failure ??= new DrillFailure(phase, site, reason);
    }

    public void Skip(DrillPhase phase, string detail) => phases[phase] = new PhaseRecord(phase, PhaseOutcome.Skipped, null, null, detail);

    public void Observe(DateTimeOffset at, DrillPhase phase, string source, string observation) =>
        evidence.Add(new EvidenceItem(at, phase, source, observation));

    public void Restore(RestoreRecord step) => restored.Add(step);

    public void Controlled(string action, string actor, string? reason, DateTimeOffset at) => control.Add(new ControlRecord(action, actor, reason, at));

    public bool Ran(DrillPhase phase) => phases.TryGetValue(phase, out var p) && p.StartedAt is not null;

    public DrillReport Build(DrillReportHeader header, DrillOutcome outcome, string summary, RtoMeasurement? rto, RpoMeasurement? rpo, DateTimeOffset finishedAt)
    {
        ArgumentNullException.ThrowIfNull(header);
        return new DrillReport
        {
            Organisation = header.Organisation,
            DrillId = header.DrillId,
            Pair = header.Pair,
            Kind = header.Kind,
            DryRun = header.DryRun,
            Trigger = header.Trigger,
            RequestedBy = header.RequestedBy,
            StartedAt = header.StartedAt,
            FinishedAt = finishedAt,
            Outcome = outcome,
            Summary = summary,
            Failure = Failure,
            Phases = Enum.GetValues<DrillPhase>()
                .Select(p => phases.TryGetValue(p, out var record) ? record : new PhaseRecord(p, PhaseOutcome.NotRun, null, null, null))
                .ToList(),
            Rto = rto,
            Rpo = rpo,
            Workloads = header.Workloads,
            Approval = header.Approval,
            Restored = [.. restored],
            Evidence = [.. evidence],
            Control = [.. control],
        };
    }

    /// <summary>Ends the phase with the given outcome, without recording a drill failure (a rejected approval, for example).</summary>
    public void Finish(DrillPhase phase, PhaseOutcome outcome, DateTimeOffset at, string? detail)
    {
        var started = phases.TryGetValue(phase, out var p) ? p.StartedAt : at;
        phases[phase] = new PhaseRecord(phase, outcome, started ?? at, at, detail);
    }
}

/// <summary>The facts of a drill known before its verdict, for its report.</summary>
public sealed record DrillReportHeader(
    string Organisation,
    string DrillId,
    DrPairSummary Pair,
    DrillKind Kind,
    bool DryRun,
    DrillTrigger Trigger,
    string RequestedBy,
    DateTimeOffset StartedAt,
    IReadOnlyList<string> Workloads,
    ApprovalRecord? Approval);
