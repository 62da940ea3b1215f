using NCrontab;

namespace Qlrf.Scheduling;

/// <summary>
/// An NCRONTAB schedule, parsed by NCrontab (the library Azure Functions timer triggers parse theirs with), so a
/// schedule runs alike on the local host and on Azure: six fields (<c>second minute hour day month day-of-week</c>),
/// or five without seconds. Times are UTC.
/// </summary>
public sealed class CronSchedule
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(5 * 366);

    private readonly CrontabSchedule schedule;

    private CronSchedule(string expression, CrontabSchedule schedule)
    {
        Expression = expression;
        this.schedule = schedule;
    }

    public string Expression { get; }

    public override string ToString() => Expression;

    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);

    /// <summary>Parses as an Azure timer would; <paramref name="error"/> says what is wrong (the caller names the setting).</summary>
    public static bool TryParse(string? expression, out CronSchedule schedule, out string error)
    {
        schedule = null!;
        error = string.Empty;
        var text = (expression ?? string.Empty).Trim();
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6))
        {
            error = $"'{expression}' is not an NCRONTAB schedule: expected 6 fields (second minute hour day month day-of-week) or 5 without seconds.";
            return false;
        }

        var options = new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 };
        var (parsed, problem) = CrontabSchedule.TryParse(text, options, s => (s, (string?)null), e => ((CrontabSchedule?)null, e().Message));
        if (parsed is null)
        {
            error = $"'{expression}' is not an NCRONTAB schedule: {problem}";
            return false;
        }

        schedule = new CronSchedule(text, parsed);
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if none within five years.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        var from = new DateTime(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var end = from + Horizon;
        var next = schedule.GetNextOccurrence(from, end);
        return next < end ? new DateTimeOffset(DateTime.SpecifyKind(next, DateTimeKind.Utc), TimeSpan.Zero) : null;
    }
}
