using Amazon.Runtime;

namespace Qlrf.Connectors.Aws;

/// <summary>
/// The SDK's view of one account's credentials: the source's base credentials, or the role it assumes in the account,
/// resolved (and cached until shortly before expiry) by <see cref="AwsCredentialSource"/>.
/// </summary>
internal sealed class AccountCredentials(AwsCredentialSource source, AwsAccountOptions? account) : AWSCredentials
{
    public override ImmutableCredentials GetCredentials() =>
        source.ForAccountAsync(account, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<ImmutableCredentials> GetCredentialsAsync() => source.ForAccountAsync(account, CancellationToken.None);
}
