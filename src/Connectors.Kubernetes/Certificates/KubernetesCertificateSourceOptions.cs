namespace Qlrf.Connectors.Kubernetes.Certificates;

/// <summary>
/// Settings of a <c>kubernetes</c> certificate source (<c>Qlrf:Certificates:Sources:{name}</c>): the clusters to read,
/// either those of a <c>kubernetes</c> asset source (<see cref="AssetSource"/>, reusing its connection settings) or
/// given here as an asset source would give them (<c>Clusters</c>, <c>Namespaces</c>, <c>PageSize</c>, <c>Http</c>).
/// </summary>
public sealed class KubernetesCertificateSourceOptions
{
    /// <summary>The name of a <c>kubernetes</c> asset source (<c>Qlrf:Discovery:Sources:{name}</c>) of the same organisation whose clusters to read.</summary>
    public string? AssetSource { get; set; }
}
