namespace Qlrf.Connectors.Aws;

/// <summary>
/// Settings of an <c>aws</c> source (beside Kind, Schedule and the rest): the regions and accounts it
/// reads, the credentials it starts from (by reference), and how AMIs give family and version.
/// </summary>
public sealed class AwsSourceOptions : SourceSettings
{
    /// <summary>The regions to read in every account, e.g. <c>eu-west-1</c>. Required.</summary>
    public List<string> Regions { get; } = [];

    /// <summary>The accounts to read, each through a role to assume. Empty: the account of the base credentials.</summary>
    public List<AwsAccountOptions> Accounts { get; } = [];

    /// <summary>Where the base credentials come from. Default: the AWS SDK's credential chain.</summary>
    public AwsCredentialOptions Credentials { get; set; } = new();

    /// <summary>Owners whose AMIs are trusted to name a family and version, beside <c>self</c> (account ids or <c>amazon</c>).</summary>
    public List<string> ImageOwners { get; } = [];

    /// <summary>The AMI tag holding the image family. Default <c>qlrf:image-family</c>.</summary>
    public string ImageFamilyTag { get; set; } = "qlrf:image-family";

    /// <summary>The AMI tag holding the image version. Default <c>qlrf:image-version</c>.</summary>
    public string ImageVersionTag { get; set; } = "qlrf:image-version";

    /// <summary>The EC2 endpoint; <c>{region}</c> is replaced by the region. Default <c>https://ec2.{region}.amazonaws.com/</c>.</summary>
    public string Endpoint { get; set; } = "https://ec2.{region}.amazonaws.com/";

    /// <summary>The SSM endpoint the executor sends patch commands to; <c>{region}</c> is replaced by the region. Default <c>https://ssm.{region}.amazonaws.com/</c>.</summary>
    public string SsmEndpoint { get; set; } = "https://ssm.{region}.amazonaws.com/";

    /// <summary>The STS endpoint for AssumeRole; <c>{region}</c> is replaced by <see cref="StsRegion"/>. Default <c>https://sts.{region}.amazonaws.com/</c>.</summary>
    public string StsEndpoint { get; set; } = "https://sts.{region}.amazonaws.com/";

    /// <summary>The region whose STS endpoint is used. Default <c>us-east-1</c>.</summary>
    public string StsRegion { get; set; } = "us-east-1";

    /// <summary>The ARN partition of asset ids. Default <c>aws</c>.</summary>
    public string Partition { get; set; } = "aws";

    /// <summary>Instances per DescribeInstances page (5-1000). Default 1000.</summary>
    public int PageSize { get; set; } = 1000;
}

/// <summary>One account of an <c>aws</c> source.</summary>
public sealed class AwsAccountOptions
{
    /// <summary>The role to assume in the account, e.g. <c>arn:aws:iam::123456789012:role/qlrf-discovery</c>. Required.</summary>
    public string? RoleArn { get; set; }

    /// <summary>The external id the role's trust policy asks for, if any.</summary>
    public string? ExternalId { get; set; }

    /// <summary>The account id (12 digits) taken from <see cref="RoleArn"/>.</summary>
    public string? AccountId => RoleArn?.Split(':') is { Length: >= 6 } parts ? parts[4] : null;
}

/// <summary>
/// The base credentials, by reference only: names of environment variables, or a profile of the shared
/// credentials file. With neither, the AWS SDK's default chain (environment, profile, web identity,
/// container and instance roles).
/// </summary>
public sealed class AwsCredentialOptions
{
    public string? AccessKeyIdVariable { get; set; }

    public string? SecretAccessKeyVariable { get; set; }

    public string? SessionTokenVariable { get; set; }

    public string? Profile { get; set; }
}
