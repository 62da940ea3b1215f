using System.Globalization;
using System.Text;

namespace Qlrf.Store.Tables;

/// <summary>
/// Keys as Table Storage allows them: <c>/ \ # ?</c>, control characters and <c>%</c> are percent-encoded (so any id is
/// a valid key and decodes back), numbers are fixed-width so they sort, and a prefix has an exclusive upper bound.
/// </summary>
public static class TableKeys
{
    /// <summary>The separator of key parts; it sorts before every character an id is encoded to.</summary>
    public const char Separator = '|';

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' or Separator || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    public static string Unescape(string key) => Uri.UnescapeDataString(key ?? throw new ArgumentNullException(nameof(key)));

    /// <summary>Joins escaped parts with <see cref="Separator"/>.</summary>
    public static string Join(params string[] parts) => string.Join(Separator, parts.Select(Escape));

    /// <summary>A non-negative number as 19 digits, so keys sort numerically.</summary>
    public static string Number(long value) => value.ToString("D19", CultureInfo.InvariantCulture);

    /// <summary>A number sorting newest (largest) first.</summary>
    public static string Descending(long value) => Number(long.MaxValue - value);

    /// <summary>The smallest key greater than every key that starts with <paramref name="prefix"/>.</summary>
    public static string PrefixEnd(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return prefix[..^1] + (char)(prefix[^1] + 1);
    }
}
