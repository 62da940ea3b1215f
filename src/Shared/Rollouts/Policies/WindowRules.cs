namespace Qlrf.Rollouts.Policies;

/// <summary>A weekly window: on these days, from start to end (UTC); an end before the start runs past midnight.</summary>
public sealed record WeeklyWindow(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    public bool Contains(DateTimeOffset at)
    {
        var utc = at.UtcDateTime;
        var time = TimeOnly.FromDateTime(utc);
        if (Start <= End)
        {
            return Days.Contains(utc.DayOfWeek) && time >= Start && time < End;
        }

        // Overnight: the evening part belongs to the listed day, the morning part to the day after it.
        return (Days.Contains(utc.DayOfWeek) && time >= Start) || (Days.Contains(utc.AddDays(-1).DayOfWeek) && time < End);
    }

    public override string ToString() =>
        $"{string.Join("/", Days.Select(d => d.ToString()[..3]))} {Start:HH\\:mm}-{End:HH\\:mm} UTC";
}

/// <summary>Changes to these environments start only inside one of the maintenance windows.</summary>
public sealed record MaintenanceWindowRule(string Id, IReadOnlyList<string> Environments, IReadOnlyList<WeeklyWindow> Windows) : PolicyRule(Id)
{
    public override IEnumerable<PolicyViolation> Evaluate(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Touches(Environments) && !Windows.Any(w => w.Contains(context.Start)))
        {
            yield return new PolicyViolation(Id, Invariant(
                $"changes to {string.Join(", ", Environments)} must start in a maintenance window ({string.Join("; ", Windows)}); this one starts {context.Start:u}."));
        }
    }
}

/// <summary>No change to these environments (all, when none are listed) during a freeze.</summary>
public sealed record FreezeWindowRule(string Id, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Environments, string Reason) : PolicyRule(Id)
{
    public override IEnumerable<PolicyViolation> Evaluate(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var start = context.Start;
        var end = context.Schedule?.End ?? start;
        if (context.Touches(Environments) && start < To && end >= From)
        {
            yield return new PolicyViolation(Id, Invariant($"change freeze from {From:u} to {To:u}: {Reason}."));
        }
    }
}
