using System.Buffers.Text;
using System.Text;

namespace Qlrf.Paging;

/// <summary>
/// Opaque cursors for cursor pagination. A cursor wraps the sort key of the last item returned, tagged
/// with the listing it belongs to, so that a cursor from one listing is refused by another.
/// </summary>
public static class PageCursor
{
    private const string Prefix = "c1";

    public static string Encode(string listing, string lastKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(listing);
        ArgumentNullException.ThrowIfNull(lastKey);
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Prefix}|{listing}|{lastKey}"));
    }

    /// <summary>Decodes a cursor made by <see cref="Encode"/> for the same listing.</summary>
    public static bool TryDecode(string listing, string? cursor, out string lastKey)
    {
        lastKey = string.Empty;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 4096)
        {
            return false;
        }

        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException)
        {
            return false;
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        var parts = text.Split('|', 3);
        if (parts.Length != 3 || parts[0] != Prefix || parts[1] != listing)
        {
            return false;
        }

        lastKey = parts[2];
        return true;
    }
}
