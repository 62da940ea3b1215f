namespace Qlrf.Inventory;

/// <summary>The values present in an organisation's inventory, used to reject unknown filter values.</summary>
public sealed record InventoryFacets(
    IReadOnlySet<string> Sites,
    IReadOnlySet<string> Environments,
    IReadOnlySet<string> ImageFamilies);
