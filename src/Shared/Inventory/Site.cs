namespace Qlrf.Inventory;

/// <summary>A place assets run: a cloud region, account or subscription, a vCenter datacentre, a cluster.</summary>
public sealed record Site(string Name, Platform Platform, string Region, SiteKind Kind);
