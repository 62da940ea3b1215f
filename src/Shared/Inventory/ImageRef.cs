namespace Qlrf.Inventory;

/// <summary>
/// The golden image an asset was built from: its family and version and, where the platform has one,
/// the platform's own reference (AMI id, gallery image version id, template name, digest).
/// </summary>
public sealed record ImageRef(string Family, string Version, string? Reference = null);
