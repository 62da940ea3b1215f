using Qlrf.Errors;

namespace Qlrf.Compliance;

/// <summary>What an evidence pack covers: a framework, a date range (<see cref="To"/> exclusive) and environments (none: all).</summary>
public sealed record EvidencePackRequest(string Framework, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Environments)
{
    /// <summary>The longest range one pack covers.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);

    /// <summary>
    /// Checks a request as posted, naming the field at fault (<see cref="RequestValidationException"/>): a framework id,
    /// both ends of the range with <c>from</c> before <c>to</c>, at most <see cref="MaxRange"/> apart and not starting in
    /// the future, and environment names without blanks or repeats.
    /// </summary>
    public static EvidencePackRequest Validate(string? framework, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<string?>? environments, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(framework))
        {
            throw new RequestValidationException("framework", "is required: the id of a framework (GET /api/v1/compliance/summary lists them).");
        }

        if (framework.Length > 100 || framework.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
        {
            throw new RequestValidationException("framework", "must be a framework id: letters, digits, '-', '_' and '.', at most 100.");
        }

        var start = from ?? throw new RequestValidationException("from", "is required: the start of the range (ISO 8601).");
        var end = to ?? throw new RequestValidationException("to", "is required: the end of the range, exclusive (ISO 8601).");
        if (end <= start)
        {
            throw new RequestValidationException("to", "must be after 'from'.");
        }

        if (end - start > MaxRange)
        {
            throw new RequestValidationException("to", $"must be at most {MaxRange.TotalDays:0} days after 'from'.");
        }

        if (start > now)
        {
            throw new RequestValidationException("from", "must not be in the future.");
        }

        var names = new List<string>();
        foreach (var environment in environments ?? [])
        {
            if (string.IsNullOrWhiteSpace(environment) || environment.Length > 100)
            {
                throw new RequestValidationException("environments", "must hold environment names, none blank or over 100 characters.");
            }

            if (names.Contains(environment.Trim(), StringComparer.Ordinal))
            {
                throw new RequestValidationException("environments", $"names '{environment.Trim()}' twice.");
            }

            names.Add(environment.Trim());
        }

        if (names.Count > 50)
        {
            throw new RequestValidationException("environments", "must name at most 50 environments.");
        }

        return new EvidencePackRequest(framework, start.ToUniversalTime(), end.ToUniversalTime(), names);
    }
}
