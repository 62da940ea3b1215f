namespace Qlrf.Health;

/// <summary>A dependency readiness needs (the store, a broker). Returns a problem, or null when it answers.</summary>
public interface IReadinessCheck
{
    Task<string?> CheckAsync(CancellationToken cancellationToken);
}
