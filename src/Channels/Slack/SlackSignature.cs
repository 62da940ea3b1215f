using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Qlrf.Channels.Slack;

/// <summary>
/// Verifies Slack's request signature: <c>X-Slack-Signature: v0=hex(HMAC-SHA256(signing secret,
/// "v0:{X-Slack-Request-Timestamp}:{raw body}"))</c>, compared in constant time, and refuses a timestamp
/// more than five minutes from now (a replay).
/// </summary>
public static class SlackSignature
{
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    public static SlackVerification Verify(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature))
        {
            return SlackVerification.Missing;
        }

        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds, 0, 253402300799))).TotalSeconds) > Tolerance.TotalSeconds)
        {
            return SlackVerification.Stale;
        }

        var expected = Compute(signingSecret, timestamp, body);
        var given = Encoding.ASCII.GetBytes(signature);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), given) ? SlackVerification.Valid : SlackVerification.BadSignature;
    }

    /// <summary>The signature Slack would send for this timestamp and body.</summary>
    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(signingSecret);
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message));
    }
}

public enum SlackVerification
{
    Valid,
    Missing,
    Stale,
    BadSignature,
}
