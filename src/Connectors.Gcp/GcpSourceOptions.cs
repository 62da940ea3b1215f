namespace Qlrf.Connectors.Gcp;

/// <summary>Settings of a <c>gcp</c> source: the projects it reads, its credentials (by reference) and how images give family and version.</summary>
public sealed class GcpSourceOptions : SourceSettings
{
    /// <summary>The project ids to read. Required.</summary>
    public List<string> Projects { get; } = [];

    public GcpCredentialOptions Credentials { get; set; } = new();

    /// <summary>The Compute Engine API base. Default <c>https://compute.googleapis.com/compute/v1/</c>.</summary>
    public string Endpoint { get; set; } = "https://compute.googleapis.com/compute/v1/";

    /// <summary>The image label holding the image family, when the image's own family is not the golden line. Default <c>qlrf-image-family</c>.</summary>
    public string ImageFamilyLabel { get; set; } = "qlrf-image-family";

    /// <summary>The image label holding the image version. Default <c>qlrf-image-version</c>.</summary>
    public string ImageVersionLabel { get; set; } = "qlrf-image-version";

    /// <summary>Results per aggregatedList page (1-500). Default 500.</summary>
    public int PageSize { get; set; } = 500;
}

/// <summary>
/// Credentials by reference: a service-account key file's path, or the name of an environment variable
/// holding an access token. With neither, Application Default Credentials (workload identity on GKE or
/// Cloud Run, the metadata server, or <c>GOOGLE_APPLICATION_CREDENTIALS</c>).
/// </summary>
public sealed class GcpCredentialOptions
{
    public string? KeyFile { get; set; }

    public string? AccessTokenVariable { get; set; }
}
