using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;

namespace Qlrf.Connectors.Azure;

/// <summary>The Azure.Identity credential a source's settings name; secrets are read from the environment when a token is first asked for.</summary>
internal static class AzureCredentials
{
    public static TokenCredential Create(AzureCredentialOptions options, string settingPath, HttpClientTransport transport)
    {
        var authority = options.AuthorityHost is null ? null : new Uri(options.AuthorityHost);
        if (options.AccessTokenVariable is { } tokenVariable)
        {
            return new EnvironmentTokenCredential(tokenVariable, $"{settingPath}:Credentials:AccessTokenVariable");
        }

        if (options.ClientSecretVariable is { } secretVariable)
        {
            var credentialOptions = new ClientSecretCredentialOptions { Transport = transport, AuthorityHost = authority ?? AzureAuthorityHosts.AzurePublicCloud };
            return new DeferredCredential(() => new ClientSecretCredential(
                options.TenantId,
                options.ClientId,
                EnvironmentSecret.Read(secretVariable, $"{settingPath}:Credentials:ClientSecretVariable"),
                credentialOptions));
        }

        if (options.ManagedIdentityClientId is { } clientId)
        {
            return new ManagedIdentityCredential(new ManagedIdentityCredentialOptions(ManagedIdentityId.FromUserAssignedClientId(clientId)) { Transport = transport });
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { Transport = transport, AuthorityHost = authority ?? AzureAuthorityHosts.AzurePublicCloud, TenantId = options.TenantId });
    }

    /// <summary>A bearer token taken from an environment variable as it is (e.g. from <c>az account get-access-token</c>).</summary>
    private sealed class EnvironmentTokenCredential(string variable, string setting) : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(EnvironmentSecret.Read(variable, setting), DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Builds its credential on first use, so that a missing variable fails the sweep (naming the setting), not start-up.</summary>
    private sealed class DeferredCredential(Func<TokenCredential> create) : TokenCredential
    {
        private readonly Lazy<TokenCredential> inner = new(create);

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            inner.Value.GetToken(requestContext, cancellationToken);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            inner.Value.GetTokenAsync(requestContext, cancellationToken);
    }
}
