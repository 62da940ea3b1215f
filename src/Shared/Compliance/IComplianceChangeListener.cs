namespace Qlrf.Compliance;

/// <summary>
/// Told when something a compliance check reads has changed, so that only what it touches is re-evaluated: an image
/// family's versions (a transition, a scan or SBOM import). Asset changes arrive through the asset-change handlers.
/// </summary>
public interface IComplianceChangeListener
{
    Task ImageFamilyChangedAsync(string organisation, string family, CancellationToken cancellationToken);
}
