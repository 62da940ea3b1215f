namespace Qlrf.Certificates.Sweeps;

/// <summary>
/// A step the sweeper runs after each sweep has updated the inventory, usages and alerts of an organisation (e.g.
/// proposing rotations). Runs under the sweeper's lock, so two sweeps never run it at once.
/// </summary>
public interface ICertificateSweepStep
{
    Task AfterSweepAsync(string organisation, DateTimeOffset now, CancellationToken cancellationToken);
}
