using System.Globalization;

namespace Qlrf.Images;

/// <summary>
/// An image version string, ordered semantically: numbers separated by dots (<c>9.4.5</c>, <c>2026.10.1</c>,
/// <c>2026.10</c>) with an optional <c>-prerelease</c> (<c>21.0.5-2</c>) and <c>+build</c>, or an ISO date
/// (<c>2026-10-01</c>, optionally followed by <c>.n</c>). Missing trailing numbers count as zero, so
/// <c>2026.10</c> equals <c>2026.10.0</c>; a prerelease orders before the bare version and its dot-separated
/// identifiers compare numerically when numeric; build metadata does not take part in ordering.
/// </summary>
public sealed class ImageVersionNumber : IComparable<ImageVersionNumber>, IEquatable<ImageVersionNumber>
{
    public const int MaxLength = 64;

    private const int MaxNumbers = 8;

    private readonly long[] numbers;
    private readonly string[] prerelease;

    private ImageVersionNumber(string text, long[] numbers, string[] prerelease, bool isDate)
    {
        Text = text;
        this.numbers = numbers;
        this.prerelease = prerelease;
        IsDate = isDate;
    }

    /// <summary>The version as written.</summary>
    public string Text { get; }

    /// <summary>Whether the version is an ISO date.</summary>
    public bool IsDate { get; }

    public override string ToString() => Text;

    public static ImageVersionNumber Parse(string text) =>
        TryParse(text, out var version, out var error) ? version : throw new FormatException(error);

    public static bool TryParse(string? text, out ImageVersionNumber version) => TryParse(text, out version, out _);

    public static bool TryParse(string? text, out ImageVersionNumber version, out string error)
    {
        version = null!;
        var value = text?.Trim() ?? string.Empty;
        error = $"'{value}' is not a version: expected numbers separated by dots (9.4.5, 2026.10.1) with an optional -prerelease and +build, or a date (2026-10-01).";
        if (value.Length == 0 || value.Length > MaxLength)
        {
            if (value.Length > MaxLength)
            {
                error = $"a version is at most {MaxLength} characters.";
            }

            return false;
        }

        var rest = value.AsSpan();
        if (rest.Length > 1 && rest[0] is 'v' or 'V' && char.IsAsciiDigit(rest[1]))
        {
            rest = rest[1..];
        }

        var plus = rest.IndexOf('+');
        if (plus >= 0)
        {
            if (!ValidIdentifiers(rest[(plus + 1)..]))
            {
                return false;
            }

            rest = rest[..plus];
        }

        var list = new List<long>(4);
        var isDate = false;
        if (rest.Length >= 10 && rest[4] == '-' && rest[7] == '-' && IsDigits(rest[..4]) && IsDigits(rest[5..7]) && IsDigits(rest[8..10]))
        {
            var year = int.Parse(rest[..4], CultureInfo.InvariantCulture);
            var month = int.Parse(rest[5..7], CultureInfo.InvariantCulture);
            var day = int.Parse(rest[8..10], CultureInfo.InvariantCulture);
            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                error = $"'{value}' is not a version: {rest[..10]} is not a calendar date.";
                return false;
            }

            list.AddRange([year, month, day]);
            isDate = true;
            rest = rest[10..];
            if (rest.Length > 0 && rest[0] != '.' && rest[0] != '-')
            {
                return false;
            }

            if (rest.Length > 0 && rest[0] == '.')
            {
                rest = rest[1..];
            }
            else if (rest.Length == 0 || rest[0] == '-')
            {
                return Finish(value, list, rest, isDate, out version);
            }
        }

        var dash = rest.IndexOf('-');
        var core = dash >= 0 ? rest[..dash] : rest;
        foreach (var range in core.Split('.'))
        {
            var part = core[range];
            if (part.Length == 0 || part.Length > 18 || !IsDigits(part) || list.Count == MaxNumbers)
            {
                return false;
            }

            list.Add(long.Parse(part, CultureInfo.InvariantCulture));
        }

        return Finish(value, list, dash >= 0 ? rest[dash..] : [], isDate, out version);
    }

    private static bool Finish(string value, List<long> numbers, ReadOnlySpan<char> pre, bool isDate, out ImageVersionNumber version)
    {
        version = null!;
        string[] identifiers = [];
        if (pre.Length > 0)
        {
            // pre starts with '-'
            var body = pre[1..];
            if (!ValidIdentifiers(body))
            {
                return false;
            }

            identifiers = body.ToString().Split('.');
        }

        var trimmed = numbers.Count;
        while (trimmed > 1 && numbers[trimmed - 1] == 0)
        {
            trimmed--;
        }

        version = new ImageVersionNumber(value, numbers.Take(trimmed).ToArray(), identifiers, isDate);
        return true;
    }

    private static bool ValidIdentifiers(ReadOnlySpan<char> text)
    {
        if (text.Length == 0)
        {
            return false;
        }

        foreach (var range in text.Split('.'))
        {
            var part = text[range];
            if (part.Length == 0)
            {
                return false;
            }

            foreach (var c in part)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    public int CompareTo(ImageVersionNumber? other)
    {
        if (other is null)
        {
            return 1;
        }

        var n = Math.Max(numbers.Length, other.numbers.Length);
        for (var i = 0; i < n; i++)
        {
            var a = i < numbers.Length ? numbers[i] : 0;
            var b = i < other.numbers.Length ? other.numbers[i] : 0;
            if (a != b)
            {
                return a.CompareTo(b);
            }
        }

        return ComparePrerelease(prerelease, other.prerelease);
    }

    private static int ComparePrerelease(string[] a, string[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            // A version without a prerelease orders after one with.
            return b.Length.CompareTo(a.Length);
        }

        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var aNumeric = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var an);
            var bNumeric = long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var bn);
            var c = (aNumeric, bNumeric) switch
            {
                (true, true) => an.CompareTo(bn),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    public bool Equals(ImageVersionNumber? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is ImageVersionNumber other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var n in numbers)
        {
            hash.Add(n);
        }

        foreach (var p in prerelease)
        {
            hash.Add(long.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v.ToString(CultureInfo.InvariantCulture) : p, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }

    public static bool operator ==(ImageVersionNumber? left, ImageVersionNumber? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(ImageVersionNumber? left, ImageVersionNumber? right) => !(left == right);

    public static bool operator <(ImageVersionNumber? left, ImageVersionNumber? right) => left is null ? right is not null : left.CompareTo(right) < 0;

    public static bool operator >(ImageVersionNumber? left, ImageVersionNumber? right) => left is not null && left.CompareTo(right) > 0;

    public static bool operator <=(ImageVersionNumber? left, ImageVersionNumber? right) => !(left > right);

    public static bool operator >=(ImageVersionNumber? left, ImageVersionNumber? right) => !(left < right);
}
