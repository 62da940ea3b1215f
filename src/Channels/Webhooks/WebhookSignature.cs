using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Qlrf.Channels.Webhooks;

/// <summary>
/// How QL-RF signs the webhooks it sends: <c>X-Qlrf-Timestamp</c> (Unix seconds) and
/// <c>X-Qlrf-Signature: v1=hex(HMAC-SHA256(secret, "{timestamp}.{body}"))</c>. Receivers recompute it and
/// should refuse old timestamps.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-Qlrf-Timestamp";
    public const string SignatureHeader = "X-Qlrf-Signature";

    public static (string Timestamp, string Signature) Sign(string secret, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return (timestamp, "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message)));
    }
}
