namespace Qlrf.Identity.Authentication;

/// <summary>
/// Why presented credentials were refused. <see cref="Reason"/> is a short code for the audit log and
/// metrics (<c>revoked_key</c>, <c>expired_token</c>); nothing in it comes from the credentials but the
/// organisation and key id a key names.
/// </summary>
public sealed class SignInFailedException(string scheme, string reason, string? organisation = null, string? keyId = null)
    : Exception($"Sign-in with {scheme} refused: {reason}.")
{
    public string Scheme { get; } = scheme;

    public string Reason { get; } = reason;

    /// <summary>The organisation the credentials named, when they named one that exists as a key's.</summary>
    public string? Organisation { get; } = organisation;

    public string? KeyId { get; } = keyId;
}

/// <summary>The reasons sign-in is refused.</summary>
public static class SignInFailures
{
    public const string MalformedKey = "malformed_key";
    public const string UnknownKey = "unknown_key";
    public const string WrongSecret = "wrong_secret";
    public const string RevokedKey = "revoked_key";
    public const string ExpiredKey = "expired_key";
    public const string UnsupportedCredentials = "unsupported_credentials";
    public const string ExpiredToken = "expired_token";
    public const string TokenNotYetValid = "token_not_yet_valid";
    public const string InvalidSignature = "invalid_signature";
    public const string WrongAudience = "wrong_audience";
    public const string WrongIssuer = "wrong_issuer";
    public const string MalformedToken = "malformed_token";
    public const string InvalidToken = "invalid_token";
    public const string IssuerUnavailable = "issuer_unavailable";
    public const string NoOrganisation = "no_organisation";
    public const string NoSubject = "no_subject";
}
