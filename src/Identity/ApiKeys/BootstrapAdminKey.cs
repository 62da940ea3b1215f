using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Audit;
using Qlrf.Json;
using Qlrf.Security;
using Qlrf.Tenancy;

namespace Qlrf.Identity.ApiKeys;

/// <summary>
/// The first way in on a new installation: when the default organisation has no admin (no active
/// organisation-wide admin key, no admin binding), creates an admin key for it. The caller prints the
/// key once; only its hash is stored, and the audit log records the key's id, never its secret.
/// </summary>
public sealed class BootstrapAdminKey(
    IApiKeyStore keys,
    IRoleBindingStore bindings,
    ApiKeyIssuer issuer,
    IAuditLog audit,
    IOptions<BootstrapOptions> options,
    IOptions<TenancyOptions> tenancy,
    TimeProvider time,
    ILogger<BootstrapAdminKey> logger)
{
    public const string KeyName = "bootstrap";

    /// <summary>The audit target of an API key; the same path the API serves it on.</summary>
    public static string TargetOf(string keyId) => "/api/v1/api-keys/" + keyId;

    /// <summary>Creates the key if one is needed; returns it (to print once) or null.</summary>
    public async Task<IssuedApiKey?> EnsureAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var organisation = tenancy.Value.DefaultOrganisation;
        var now = time.GetUtcNow();
        if (!settings.Enabled
            || (!settings.Reissue && (await keys.HasActiveAdminAsync(organisation, now, cancellationToken)
                || await bindings.HasOrganisationAdminAsync(organisation, cancellationToken))))
        {
            return null;
        }

        var issued = await issuer.IssueAsync(organisation, KeyName, Role.Admin, RoleScope.Organisation, now + settings.Lifetime, "system", cancellationToken);
        await audit.AppendAsync(new AuditEvent
        {
            Organisation = organisation,
            Actor = "system",
            Action = AuditActions.BootstrapAdminKeyCreated,
            Target = TargetOf(issued.Key.Id),
            Outcome = AuditOutcome.Success,
            Source = "host",
            Details = new Dictionary<string, string>
            {
                ["role"] = EnumText<Role>.Of(Role.Admin),
                ["expiresAt"] = issued.Key.ExpiresAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            },
        }, cancellationToken);
        IdentityLogs.BootstrapKeyIssued(logger, issued.Key.Id, organisation);
        return issued;
    }
}
