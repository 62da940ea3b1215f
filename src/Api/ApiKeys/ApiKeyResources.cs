using Qlrf.Security;

namespace Qlrf.Api.ApiKeys;

public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>An API key as the API shows it: never its secret or hash.</summary>
public sealed record ApiKeyResource(
    string Id,
    string Name,
    Role Role,
    string Scope,
    ApiKeyStatus Status,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? RevokedBy)
{
    public static ApiKeyResource From(ApiKey k, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(k);
        var status = k.RevokedAt is not null ? ApiKeyStatus.Revoked : k.IsActiveAt(now) ? ApiKeyStatus.Active : ApiKeyStatus.Expired;
        return new(k.Id, k.Name, k.Role, k.Scope.ToString(), status, k.CreatedAt, k.CreatedBy, k.ExpiresAt, k.RevokedAt, k.RevokedBy);
    }
}

/// <summary>A key just created: <see cref="Key"/> is the secret to send as <c>Authorization: Bearer</c>, shown this once.</summary>
public sealed record CreatedApiKeyResource(ApiKeyResource ApiKey, string Key);

/// <summary>
/// Body of <c>POST /api/v1/api-keys</c>: a name, a role, a scope (<c>organisation</c> by default, or
/// <c>project:{name}</c>, <c>environment:{name}</c>) and an expiry (default: the configured lifetime).
/// </summary>
public sealed record CreateApiKeyRequest(string? Name, string? Role, string? Scope, DateTimeOffset? ExpiresAt);
