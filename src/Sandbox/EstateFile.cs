using Qlrf.Inventory;

namespace Qlrf.Sandbox;

/// <summary>The contents of a sandbox estate file: an organisation, its sites and its assets.</summary>
public sealed record EstateFile(EstateOrganisation Organisation, IReadOnlyList<Site> Sites, IReadOnlyList<Asset> Assets);

public sealed record EstateOrganisation(string Id, string Name);
