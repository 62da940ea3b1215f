namespace Qlrf.Connectors.Gcp.Execution;

/// <summary>A Compute Engine instance's asset id: <c>//compute.googleapis.com/projects/{project}/zones/{zone}/instances/{name}</c>.</summary>
internal sealed record GcpInstanceId(string Project, string Zone, string Name)
{
    private const string Prefix = "//compute.googleapis.com/";

    /// <summary>The instance's path under the API base: <c>projects/{p}/zones/{z}/instances/{name}</c>.</summary>
    public string Path => $"projects/{Project}/zones/{Zone}/instances/{Name}";

    /// <summary>A disk's path in the instance's zone.</summary>
    public string DiskPath(string disk) => $"projects/{Project}/zones/{Zone}/disks/{disk}";

    public static GcpInstanceId Parse(string assetId)
    {
        ArgumentNullException.ThrowIfNull(assetId);
        var parts = assetId.StartsWith(Prefix, StringComparison.Ordinal) ? assetId[Prefix.Length..].Split('/') : [];
        return parts is ["projects", { Length: > 0 } project, "zones", { Length: > 0 } zone, "instances", { Length: > 0 } name]
            ? new GcpInstanceId(project, zone, name)
            : throw new Qlrf.Execution.ExecutorException($"'{assetId}' is not a Compute Engine instance id (//compute.googleapis.com/projects/{{project}}/zones/{{zone}}/instances/{{name}}).");
    }
}
