namespace Qlrf.Compliance.Frameworks;

/// <summary>A framework as loaded from its file: id, version, title, and its controls in file order.</summary>
public sealed record Framework(string Id, string Version, string Title, string File, IReadOnlyList<Control> Controls)
{
    public FrameworkRef Ref => new(Id, Version, Title);

    /// <summary>Every check instance the framework's controls use, once each.</summary>
    public IEnumerable<CheckUse> Instances => Controls.SelectMany(c => c.Checks).DistinctBy(u => u.InstanceKey);
}

/// <summary>
/// A control: the checks that evidence it and how they are scored, or (with no checks) a manual control with what the
/// auditor needs instead. <see cref="Manual"/> on an evidenced control says what to provide while QL-RF holds no data.
/// </summary>
public sealed record Control(string Id, string Title, IReadOnlyList<CheckUse> Checks, ControlScoring Scoring, string? Manual)
{
    public bool IsManual => Checks.Count == 0;
}

/// <summary>
/// How a control's checks are scored: it passes when at least <see cref="MinPassPercent"/> of the objects its checks
/// evaluated pass (100, the default, means every object).
/// </summary>
public sealed record ControlScoring(double MinPassPercent)
{
    public static ControlScoring All { get; } = new(100);

    public bool Passes(int passed, int failed) =>
        failed == 0 || (MinPassPercent < 100 && 100.0 * passed / (passed + failed) >= MinPassPercent);
}

/// <summary>A check as a control uses it, with its parameters resolved (defaults filled in).</summary>
public sealed record CheckUse(string CheckId, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The check id and every parameter, sorted (<c>image-vulnerabilities?maxAgeDays=30&amp;minSeverity=high</c>): results are stored per instance.</summary>
    public string InstanceKey => Parameters.Count == 0
        ? CheckId
        : CheckId + "?" + string.Join("&", Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
