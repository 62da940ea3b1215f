namespace Qlrf.Inventory;

/// <summary>Where an asset runs. <see cref="Sandbox"/> is QL-RF's own built-in platform.</summary>
public enum Platform
{
    Aws,
    Azure,
    Gcp,
    Vsphere,
    Kubernetes,
    Sandbox,
}
