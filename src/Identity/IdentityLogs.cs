using Microsoft.Extensions.Logging;

namespace Qlrf.Identity;

/// <summary>Log messages of identity. Event ids 6000-6049 (the API's access and audit messages take 6050-6099). Never a secret or a token.</summary>
internal static partial class IdentityLogs
{
    [LoggerMessage(EventId = 6000, Level = LogLevel.Information, Message = "Sign-in with {Scheme} refused ({Reason}) for organisation {Organisation}, key {KeyId}")]
    public static partial void SignInFailed(ILogger logger, string scheme, string reason, string? organisation, string? keyId);

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Issued API key {KeyId} in {Organisation}: {Role} at {Scope}, expires {ExpiresAt:O}")]
    public static partial void ApiKeyIssued(ILogger logger, string keyId, string organisation, Qlrf.Security.Role role, Qlrf.Security.RoleScope scope, DateTimeOffset expiresAt);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Revoked API key {KeyId} in {Organisation} by {Actor}")]
    public static partial void ApiKeyRevoked(ILogger logger, string keyId, string organisation, string actor);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Created the bootstrap admin key {KeyId} for {Organisation}; its secret was printed to the console once")]
    public static partial void BootstrapKeyIssued(ILogger logger, string keyId, string organisation);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "The token issuer's metadata could not be read; bearer tokens are refused until it can")]
    public static partial void IssuerUnavailable(ILogger logger, Exception exception);
}
