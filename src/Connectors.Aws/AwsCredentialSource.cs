using System.Collections.Concurrent;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Qlrf.Connectors.Aws;

/// <summary>
/// The credentials an <c>aws</c> source signs with: the base credentials (by reference, or the SDK's
/// chain), and for each configured account a role assumed through STS, cached until shortly before it
/// expires.
/// </summary>
internal sealed class AwsCredentialSource(AwsSourceOptions options, string settingPath, string sourceName, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan RefreshBeforeExpiry = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (ImmutableCredentials Credentials, DateTimeOffset Expires)> assumed = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim stsGate = new(1, 1);
    private readonly SemaphoreSlim assumeGate = new(1, 1);
    private AmazonSecurityTokenServiceClient? sts;

    /// <summary>The credentials for an account; null for the base credentials' own account.</summary>
    public async Task<ImmutableCredentials> ForAccountAsync(AwsAccountOptions? account, CancellationToken cancellationToken)
    {
        if (account?.RoleArn is null)
        {
            return await ResolveBase().GetCredentialsAsync();
        }

        if (Cached(account.RoleArn) is { } fresh)
        {
            return fresh;
        }

        // AssumeRole calls go one at a time, so scopes of one account read in parallel share its answer.
        await assumeGate.WaitAsync(cancellationToken);
        try
        {
            return Cached(account.RoleArn) ?? await AssumeAsync(account, cancellationToken);
        }
        finally
        {
            assumeGate.Release();
        }
    }

    private ImmutableCredentials? Cached(string roleArn) =>
        assumed.TryGetValue(roleArn, out var cached) && cached.Expires - RefreshBeforeExpiry > time.GetUtcNow() ? cached.Credentials : null;

    private async Task<ImmutableCredentials> AssumeAsync(AwsAccountOptions account, CancellationToken cancellationToken)
    {
        var response = await Sts().AssumeRoleAsync(
            new AssumeRoleRequest
            {
                RoleArn = account.RoleArn,
                RoleSessionName = "qlrf-" + sourceName,
                ExternalId = account.ExternalId,
                DurationSeconds = 3600,
            },
            cancellationToken);
        var c = response.Credentials ?? throw new ConnectorException($"STS AssumeRole of {account.RoleArn} returned no credentials.");
        var credentials = new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken);
        var expires = c.Expiration is { } e ? new DateTimeOffset(DateTime.SpecifyKind(e, DateTimeKind.Utc)) : time.GetUtcNow().AddMinutes(15);
        assumed[account.RoleArn!] = (credentials, expires);
        return credentials;
    }

    private AWSCredentials ResolveBase()
    {
        var refs = options.Credentials;
        var prefix = $"{settingPath}:Credentials";
        if (refs.AccessKeyIdVariable is not null && refs.SecretAccessKeyVariable is not null)
        {
            var keyId = EnvironmentSecret.Read(refs.AccessKeyIdVariable, $"{prefix}:AccessKeyIdVariable");
            var secret = EnvironmentSecret.Read(refs.SecretAccessKeyVariable, $"{prefix}:SecretAccessKeyVariable");
            return refs.SessionTokenVariable is null
                ? new BasicAWSCredentials(keyId, secret)
                : new SessionAWSCredentials(keyId, secret, EnvironmentSecret.Read(refs.SessionTokenVariable, $"{prefix}:SessionTokenVariable"));
        }

        if (refs.Profile is not null)
        {
            return new CredentialProfileStoreChain().TryGetAWSCredentials(refs.Profile, out var profile)
                ? profile
                : throw new ConnectorException($"The AWS profile '{refs.Profile}' named by {prefix}:Profile was not found.");
        }

        return DefaultAWSCredentialsIdentityResolver.GetCredentials()
            ?? throw new ConnectorException("No AWS credentials were found by the SDK's default chain (environment, profile, web identity, container or instance role).");
    }

    private AmazonSecurityTokenServiceClient Sts()
    {
        if (sts is not null)
        {
            return sts;
        }

        stsGate.Wait();
        try
        {
            return sts ??= new AmazonSecurityTokenServiceClient(ResolveBase(), new AmazonSecurityTokenServiceConfig
            {
                ServiceURL = options.StsEndpoint.Replace("{region}", options.StsRegion, StringComparison.Ordinal),
                AuthenticationRegion = options.StsRegion,
                Timeout = options.Http.Timeout,
                MaxErrorRetry = Math.Max(0, options.Http.MaxAttempts - 1),
            });
        }
        finally
        {
            stsGate.Release();
        }
    }

    public void Dispose()
    {
        sts?.Dispose();
        stsGate.Dispose();
        assumeGate.Dispose();
    }
}
