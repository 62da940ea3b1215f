using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Errors;
using Qlrf.Security;
using Qlrf.Tenancy;

namespace Qlrf.Identity.ApiKeys;

/// <summary>Creates and revokes API keys. It never keeps a secret: the caller gets it once, in <see cref="IssuedApiKey"/>.</summary>
public sealed class ApiKeyIssuer(IApiKeyStore store, IOptions<ApiKeyOptions> options, TimeProvider time, ILogger<ApiKeyIssuer> logger)
{
    public const int MaxNameLength = 100;

    /// <param name="expiresAt">When it stops working; null for the configured default lifetime.</param>
    /// <param name="createdBy">The actor creating it, for the record.</param>
    public async Task<IssuedApiKey> IssueAsync(
        string organisation, string name, Role role, RoleScope scope, DateTimeOffset? expiresAt, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (!OrganisationId.IsValid(organisation))
        {
            throw new ArgumentException($"'{organisation}' is not an organisation id.", nameof(organisation));
        }

        name = name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > MaxNameLength || name.Any(char.IsControl))
        {
            throw new RequestValidationException("name", $"must be 1 to {MaxNameLength} printable characters.");
        }

        // Kept to the millisecond, as stored, so that a key reads back as it was returned.
        var now = Milliseconds(time.GetUtcNow());
        var settings = options.Value;
        var expires = Milliseconds(expiresAt ?? now + settings.DefaultLifetime);
        if (expires <= now)
        {
            throw new RequestValidationException("expiresAt", "must be in the future.");
        }

        if (expires > now + settings.MaxLifetime)
        {
            throw new RequestValidationException("expiresAt", $"must be within {settings.MaxLifetime.TotalDays:0.##} days (Qlrf:Identity:ApiKeys:MaxLifetime).");
        }

        var secret = ApiKeyToken.NewSecret();
        var key = new ApiKey
        {
            Organisation = organisation,
            Id = ApiKeyToken.NewKeyId(),
            Name = name,
            Role = role,
            Scope = scope,
            SecretHash = ApiKeyToken.Hash(secret),
            CreatedAt = now,
            CreatedBy = createdBy,
            ExpiresAt = expires,
        };
        await store.AddAsync(key, cancellationToken);
        IdentityLogs.ApiKeyIssued(logger, key.Id, organisation, role, scope, expires);
        return new IssuedApiKey(key, ApiKeyToken.Format(organisation, key.Id, secret));
    }

    private static DateTimeOffset Milliseconds(DateTimeOffset t) => DateTimeOffset.FromUnixTimeMilliseconds(t.ToUnixTimeMilliseconds());

    /// <summary>Revokes the key; null if the organisation has no such key. Revoking twice keeps the first revocation.</summary>
    public async Task<ApiKey?> RevokeAsync(string organisation, string keyId, string by, CancellationToken cancellationToken)
    {
        var key = await store.RevokeAsync(organisation, keyId, time.GetUtcNow(), by, cancellationToken);
        if (key is not null)
        {
            IdentityLogs.ApiKeyRevoked(logger, keyId, organisation, by);
        }

        return key;
    }
}

/// <summary>A key just created, with its secret <see cref="Token"/>; show it once. Its text form hides the token.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Token)
{
    public override string ToString() => $"API key {Key.Id} ({Key.Organisation})";
}
