namespace Qlrf.Certificates;

/// <summary>Whether a host name is covered by a certificate's subject alternative names (RFC 6125: one left-most wildcard label).</summary>
public static class SanMatcher
{
    public static bool Covers(IEnumerable<string> sans, string host)
    {
        ArgumentNullException.ThrowIfNull(sans);
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        return sans.Any(san => Matches(san.TrimEnd('.'), name));
    }

    private static bool Matches(string san, string host)
    {
        if (san.StartsWith("*.", StringComparison.Ordinal))
        {
            var suffix = san[1..];
            var dot = host.IndexOf('.', StringComparison.Ordinal);
            return dot > 0 && string.Equals(host[dot..], suffix, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(san, host, StringComparison.OrdinalIgnoreCase);
    }
}
