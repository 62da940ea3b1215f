using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace Qlrf.Functions.Hosting;

/// <summary>
/// The identity every Azure client of the apps uses: the user-assigned managed identity named by
/// <c>AZURE_CLIENT_ID</c> (set by infra/), or, off Azure, whoever <c>az login</c> or the environment signs in.
/// No client holds a key or a connection string with a key.
/// </summary>
public static class AppCredential
{
    /// <summary>The client id of the user-assigned managed identity.</summary>
    public const string ClientIdSetting = "AZURE_CLIENT_ID";

    public static TokenCredential Create(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[ClientIdSetting] is { Length: > 0 } clientId && configuration["WEBSITE_INSTANCE_ID"] is { Length: > 0 }
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
            : new DefaultAzureCredential();
    }
}
