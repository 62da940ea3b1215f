using System.Globalization;

namespace Qlrf.Rollouts.Policies;

/// <summary>A safety rule, read from the policy file, evaluated in process against a plan.</summary>
public abstract record PolicyRule(string Id)
{
    public abstract IEnumerable<PolicyViolation> Evaluate(PolicyContext context);

    protected static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A rollout touching these environments must start with a canary.</summary>
public sealed record RequireCanaryRule(string Id, IReadOnlyList<string> Environments) : PolicyRule(Id)
{
    public override IEnumerable<PolicyViolation> Evaluate(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Touches(Environments) && context.Plan.Canary is null)
        {
            yield return new PolicyViolation(Id, $"a rollout touching {string.Join(", ", Environments)} needs a canary.");
        }
    }
}

/// <summary>No batch may hold more than this share of an environment's assets in scope (at least one asset is always allowed).</summary>
public sealed record MaxBatchPercentRule(string Id, IReadOnlyList<string> Environments, double MaxPercent) : PolicyRule(Id)
{
    public override IEnumerable<PolicyViolation> Evaluate(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var environment in Environments)
        {
            var population = context.Assets.Values.Count(a => a.Environment == environment);
            if (population == 0)
            {
                continue;
            }

            var allowed = AllowedBatch(population);
            foreach (var stage in context.Plan.Stages)
            {
                var largest = stage.Batches.Max(b => b.Count(id => context.Assets[id].Environment == environment));
                if (largest > allowed)
                {
                    yield return new PolicyViolation(Id, Invariant(
                        $"{stage.Name} has a batch of {largest} {environment} assets; at most {MaxPercent}% of {population} ({allowed}) may change at once."));
                }
            }
        }
    }

    /// <summary>How many of an environment's <paramref name="population"/> assets may change at once.</summary>
    public int AllowedBatch(int population) => Math.Max(1, (int)Math.Floor(population * MaxPercent / 100));
}

/// <summary>Never both members of a DR pair in one wave (or the canary).</summary>
public sealed record DrPairSeparationRule(string Id) : PolicyRule(Id)
{
    public override IEnumerable<PolicyViolation> Evaluate(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        foreach (var stage in context.Plan.Stages)
        {
            var pairs = stage.Batches.SelectMany(b => b)
                .Select(id => context.Assets[id].DrPair)
                .OfType<string>()
                .GroupBy(p => p, StringComparer.Ordinal)
                .Where(g => g.Count() > 1);
            foreach (var pair in pairs)
            {
                yield return new PolicyViolation(Id, $"{stage.Name} holds both members of DR pair '{pair.Key}'.");
            }
        }
    }
}

/// <summary>A target with critical CVEs is blocked unless an admin exception names it.</summary>
public sealed record BlockCriticalCvesRule(string Id) : PolicyRule(Id)
{
    public override IEnumerable<PolicyViolation> Evaluate(PolicyContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CriticalCves > 0 && !context.Exceptions.Contains(context.Target.ToString(), StringComparer.Ordinal))
        {
            yield return new PolicyViolation(Id, Invariant(
                $"{context.Target} has {context.CriticalCves} critical CVEs; an admin exception naming it is required."));
        }
    }
}
