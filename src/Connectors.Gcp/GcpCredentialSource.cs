using Google.Apis.Auth.OAuth2;

namespace Qlrf.Connectors.Gcp;

/// <summary>
/// Access tokens for the Compute Engine API (scope <c>compute.readonly</c>) through Google.Apis.Auth: a
/// service-account key file, Application Default Credentials (workload identity), or a token from an
/// environment variable. Google.Apis.Auth caches and refreshes the token. The executor asks for scope <c>compute</c>.
/// </summary>
internal sealed class GcpCredentialSource(GcpCredentialOptions options, string settingPath, string scope = GcpCredentialSource.ComputeReadOnlyScope) : IDisposable
{
    public const string ComputeReadOnlyScope = "https://www.googleapis.com/auth/compute.readonly";
    public const string ComputeScope = "https://www.googleapis.com/auth/compute";
    private readonly SemaphoreSlim gate = new(1, 1);
    private ITokenAccess? access;

    public async Task<string> AccessTokenAsync(CancellationToken cancellationToken)
    {
        if (options.AccessTokenVariable is { } variable)
        {
            return EnvironmentSecret.Read(variable, $"{settingPath}:Credentials:AccessTokenVariable");
        }

        var token = await (await AccessAsync(cancellationToken)).GetAccessTokenForRequestAsync(null, cancellationToken);
        return token ?? throw new ConnectorException("Google.Apis.Auth returned no access token.");
    }

    private async Task<ITokenAccess> AccessAsync(CancellationToken cancellationToken)
    {
        if (access is not null)
        {
            return access;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (access is null)
            {
                var credential = options.KeyFile is { } keyFile
                    ? (await CredentialFactory.FromFileAsync<ServiceAccountCredential>(keyFile, cancellationToken)).ToGoogleCredential()
                    : await GoogleCredential.GetApplicationDefaultAsync(cancellationToken);
                access = credential.CreateScoped(scope);
            }

            return access;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();
}
