using System.Globalization;

namespace Qlrf.Scheduling;

/// <summary>
/// An NCRONTAB schedule as Azure Functions timer triggers read it: six fields
/// (<c>second minute hour day month day-of-week</c>), or five without seconds. Fields take <c>*</c>,
/// numbers, ranges <c>a-b</c>, steps <c>*/n</c> and <c>a-b/n</c>, lists, and month and day names.
/// As in cron, when both day and day-of-week are restricted, either may match. Times are UTC.
/// </summary>
public sealed class CronSchedule
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private readonly bool[] seconds;
    private readonly bool[] minutes;
    private readonly bool[] hours;
    private readonly bool[] days;
    private readonly bool[] months;
    private readonly bool[] weekdays;
    private readonly bool dayRestricted;
    private readonly bool weekdayRestricted;

    private CronSchedule(string expression, bool[][] fields, bool dayRestricted, bool weekdayRestricted)
    {
        Expression = expression;
        (seconds, minutes, hours, days, months, weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
        this.dayRestricted = dayRestricted;
        this.weekdayRestricted = weekdayRestricted;
    }

    public string Expression { get; }

    public override string ToString() => Expression;

    public static CronSchedule Parse(string expression) =>
        TryParse(expression, out var schedule, out var error) ? schedule : throw new FormatException(error);

    public static bool TryParse(string? expression, out CronSchedule schedule, out string error)
    {
        schedule = null!;
        error = string.Empty;
        var parts = (expression ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is not (5 or 6))
        {
            error = $"'{expression}' is not a cron expression: expected 6 fields (second minute hour day month day-of-week) or 5 without seconds.";
            return false;
        }

        if (parts.Length == 5)
        {
            parts = ["0", .. parts];
        }

        (string Name, int Min, int Max, string[]? Names)[] specs =
        [
            ("second", 0, 59, null),
            ("minute", 0, 59, null),
            ("hour", 0, 23, null),
            ("day", 1, 31, null),
            ("month", 1, 12, MonthNames),
            ("day-of-week", 0, 7, DayNames),
        ];
        var fields = new bool[6][];
        for (var i = 0; i < 6; i++)
        {
            var (name, min, max, names) = specs[i];
            if (!TryParseField(parts[i], min, max, names, out fields[i], out var fieldError))
            {
                error = $"'{expression}': {name} field '{parts[i]}' {fieldError}";
                return false;
            }
        }

        // Day-of-week 7 is Sunday, as 0 is.
        fields[5][0] |= fields[5][7];
        schedule = new CronSchedule(string.Join(' ', parts), fields, parts[3] != "*" && parts[3] != "?", parts[5] != "*" && parts[5] != "?");
        return true;
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if none within five years.</summary>
    public DateTimeOffset? GetNextOccurrence(DateTimeOffset after)
    {
        var utc = after.UtcDateTime;
        var t = new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, utc.Second, DateTimeKind.Utc).AddSeconds(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!months[t.Month])
            {
                t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
                continue;
            }

            if (!DayMatches(t))
            {
                t = t.Date.AddDays(1);
                continue;
            }

            if (!hours[t.Hour])
            {
                t = t.Date.AddHours(t.Hour + 1);
                continue;
            }

            if (!minutes[t.Minute])
            {
                t = t.Date.AddHours(t.Hour).AddMinutes(t.Minute + 1);
                continue;
            }

            if (!seconds[t.Second])
            {
                t = t.AddSeconds(1);
                continue;
            }

            return new DateTimeOffset(t, TimeSpan.Zero);
        }

        return null;
    }

    private bool DayMatches(DateTime t)
    {
        var day = days[t.Day];
        var weekday = weekdays[(int)t.DayOfWeek];
        return (dayRestricted, weekdayRestricted) switch
        {
            (true, true) => day || weekday,
            (true, false) => day,
            (false, true) => weekday,
            _ => true,
        };
    }

    private static bool TryParseField(string text, int min, int max, string[]? names, out bool[] allowed, out string error)
    {
        allowed = new bool[max + 1];
        error = string.Empty;
        foreach (var item in text.Split(','))
        {
            var rangeText = item;
            var step = 1;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                rangeText = item[..slash];
                if (!int.TryParse(item[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out step) || step <= 0)
                {
                    error = $"has a bad step in '{item}'.";
                    return false;
                }
            }

            int from, to;
            if (rangeText is "*" or "?")
            {
                (from, to) = (min, max == 7 ? 6 : max);
            }
            else
            {
                var dash = rangeText.IndexOf('-', StringComparison.Ordinal);
                if (!TryValue(dash < 0 ? rangeText : rangeText[..dash], min, max, names, out from)
                    || !TryValue(dash < 0 ? rangeText : rangeText[(dash + 1)..], min, max, names, out to))
                {
                    error = $"has '{item}', outside {min}-{max}.";
                    return false;
                }

                if (dash < 0 && slash >= 0)
                {
                    to = max == 7 ? 6 : max;
                }

                if (from > to)
                {
                    error = $"has the descending range '{item}'.";
                    return false;
                }
            }

            for (var v = from; v <= to; v += step)
            {
                allowed[v] = true;
            }
        }

        return true;
    }

    private static bool TryValue(string text, int min, int max, string[]? names, out int value)
    {
        if (names is not null)
        {
            var index = Array.FindIndex(names, n => n.Equals(text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = index + (names == MonthNames ? 1 : 0);
                return true;
            }
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
