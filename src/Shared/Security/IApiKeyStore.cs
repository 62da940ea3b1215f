using Qlrf.Paging;

namespace Qlrf.Security;

/// <summary>API keys, keyed (organisation, id). A presented key names its organisation, so looking it up is a point read.</summary>
public interface IApiKeyStore
{
    /// <summary>Adds a key. Throws <see cref="Errors.ConflictException"/> if the id is taken.</summary>
    Task AddAsync(ApiKey key, CancellationToken cancellationToken);

    Task<ApiKey?> GetAsync(string organisation, string id, CancellationToken cancellationToken);

    /// <summary>Keys in id order after <paramref name="afterId"/>, revoked and expired ones included.</summary>
    Task<Page<ApiKey>> ListAsync(string organisation, int limit, string? afterId, CancellationToken cancellationToken);

    /// <summary>Marks the key revoked (keeping the first revocation); returns the key as it now is, or null if there is none.</summary>
    Task<ApiKey?> RevokeAsync(string organisation, string id, DateTimeOffset at, string by, CancellationToken cancellationToken);

    /// <summary>Whether a key with the admin role over the whole organisation is unrevoked and unexpired at <paramref name="now"/>.</summary>
    Task<bool> HasActiveAdminAsync(string organisation, DateTimeOffset now, CancellationToken cancellationToken);
}
