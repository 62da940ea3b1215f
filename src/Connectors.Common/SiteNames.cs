using System.Text;

namespace Qlrf.Connectors;

/// <summary>Site names as the inventory shows them: lower-case words joined by dashes (<c>aws-123456789012-eu-west-1</c>).</summary>
public static class SiteNames
{
    public static string Of(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var text = new StringBuilder();
        foreach (var c in string.Join('-', parts.Where(p => !string.IsNullOrWhiteSpace(p))).ToLowerInvariant())
        {
            var keep = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (keep != '-' || (text.Length > 0 && text[^1] != '-'))
            {
                text.Append(keep);
            }
        }

        return text.ToString().TrimEnd('-');
    }
}
