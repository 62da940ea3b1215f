using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text;
using Qlrf.Approvals;

namespace Qlrf.Channels.Links;

/// <summary>
/// Signed approval links for channels that cannot call back (email): an HMAC-SHA256-signed token naming
/// the organisation and approval, the decision, who it was sent to, a nonce, and an expiry no later than the approval's.
/// The token only identifies the offer; a GET never decides — the link opens a confirmation step, and
/// the store spends the nonce so a link works once.
/// </summary>
public sealed class ApprovalLinkSigner(byte[] key)
{
    public const string Malformed = "The link is malformed.";
    public const string BadSignature = "The link's signature is not valid.";
    public const string Expired = "The link has expired.";

    private readonly byte[] key = key is { Length: >= 32 } ? key : throw new ArgumentException("The link signing key must be at least 32 bytes.", nameof(key));

    public string Sign(ApprovalLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Payload(link.Organisation, link.ApprovalId, link.Decision == ApprovalDecisionKind.Approve ? "approve" : "reject", link.Recipient, link.Nonce, link.ExpiresAt.ToUnixTimeSeconds()));
        return Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, payload));
    }

    /// <summary>Checks the signature and expiry; returns the link, or null with the reason.</summary>
    public ApprovalLink? Verify(string? token, DateTimeOffset now, out string? problem)
    {
        problem = null;
        var dot = token?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (token is null || dot <= 0)
        {
            problem = Malformed;
            return null;
        }

        byte[] payload, signature;
        try
        {
            payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            problem = Malformed;
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, payload), signature))
        {
            problem = BadSignature;
            return null;
        }

        var p = JsonSerializer.Deserialize<Payload>(payload);
        if (p is null || p.D is not ("approve" or "reject") || string.IsNullOrEmpty(p.O) || string.IsNullOrEmpty(p.A) || string.IsNullOrEmpty(p.R) || string.IsNullOrEmpty(p.N))
        {
            problem = Malformed;
            return null;
        }

        var link = new ApprovalLink(p.O, p.A, p.D == "approve" ? ApprovalDecisionKind.Approve : ApprovalDecisionKind.Reject, p.R, p.N, DateTimeOffset.FromUnixTimeSeconds(p.E));
        if (link.ExpiresAt <= now)
        {
            problem = Expired;
            return null;
        }

        return link;
    }

    public static string NewNonce() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private sealed record Payload(string O, string A, string D, string R, string N, long E);
}

/// <summary>An offer to decide one approval (of one organisation) one way, sent to one recipient (a QL-RF subject).</summary>
public sealed record ApprovalLink(string Organisation, string ApprovalId, ApprovalDecisionKind Decision, string Recipient, string Nonce, DateTimeOffset ExpiresAt);
