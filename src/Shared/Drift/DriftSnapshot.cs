namespace Qlrf.Drift;

/// <summary>What took a snapshot.</summary>
public enum SnapshotTrigger
{
    Daily,
    OnDemand,
}

/// <summary>The summaries of an organisation as they stood at <see cref="TakenAt"/>.</summary>
public sealed record DriftSnapshot(
    string Organisation,
    string Id,
    DateTimeOffset TakenAt,
    SnapshotTrigger Trigger,
    IReadOnlyList<SnapshotRow> Rows);

/// <summary>One group's summary in a snapshot.</summary>
public sealed record SnapshotRow(DriftGroup Group, DriftSummary Summary);
