namespace Qlrf.Inventory;

/// <summary>Whether a site is a public-cloud region or a data centre of the organisation's own.</summary>
public enum SiteKind
{
    CloudRegion,
    DataCentre,
}
