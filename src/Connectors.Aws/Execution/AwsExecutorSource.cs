using System.Collections.Concurrent;
using Amazon.EC2;
using Amazon.SimpleSystemsManagement;

namespace Qlrf.Connectors.Aws.Execution;

/// <summary>
/// One configured <c>aws</c> source as the executor uses it: its credentials, and an EC2 and an SSM client per account and
/// region of its assets, made once and kept.
/// </summary>
internal sealed class AwsExecutorSource(string name, AwsSourceOptions options, string settingPath, AwsExecutorOptions executor, TimeProvider time) : IDisposable
{
    private readonly AwsCredentialSource credentials = new(options, settingPath, name, time);
    private readonly ConcurrentDictionary<(string Account, string Region), Lazy<(AmazonEC2Client Ec2, AmazonSimpleSystemsManagementClient Ssm)>> clients = new();

    public string Name => name;

    /// <summary>Whether an instance of this account and region is read by this source.</summary>
    public bool Covers(AwsInstanceArn arn) =>
        options.Regions.Contains(arn.Region, StringComparer.Ordinal)
        && (options.Accounts.Count == 0 || options.Accounts.Any(a => a.AccountId == arn.Account));

    public ImageNamePattern ImageNames { get; } = new(options.ImageNamePattern);

    public AwsSourceOptions Options => options;

    public (AmazonEC2Client Ec2, AmazonSimpleSystemsManagementClient Ssm) ClientsFor(AwsInstanceArn arn) =>
        clients.GetOrAdd((arn.Account, arn.Region), key => new(() => Create(key.Account, key.Region))).Value;

    private (AmazonEC2Client, AmazonSimpleSystemsManagementClient) Create(string account, string region)
    {
        var identity = new AccountCredentials(credentials, options.Accounts.FirstOrDefault(a => a.AccountId == account));
        var ec2 = Ec2Clients.Create(options, identity, region, executor.MaxErrorRetry);
        var ssm = new AmazonSimpleSystemsManagementClient(identity, new AmazonSimpleSystemsManagementConfig
        {
            ServiceURL = options.SsmEndpoint.Replace("{region}", region, StringComparison.Ordinal),
            AuthenticationRegion = region,
            Timeout = options.Http.Timeout,
            MaxErrorRetry = executor.MaxErrorRetry,
        });
        return (ec2, ssm);
    }

    public void Dispose()
    {
        foreach (var client in clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Ec2.Dispose();
            client.Value.Ssm.Dispose();
        }

        credentials.Dispose();
    }
}
