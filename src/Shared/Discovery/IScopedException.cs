namespace Qlrf.Discovery;

/// <summary>An exception that knows which scope of a source it concerns (a file, region, subscription, cluster).</summary>
public interface IScopedException
{
    string Scope { get; }
}
