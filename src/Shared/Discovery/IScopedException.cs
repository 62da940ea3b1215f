namespace Qlrf.Discovery;

/// <summary>An exception that knows which scope of a source it concerns (a file and line, region, subscription, cluster).</summary>
public interface IScopedException
{
    /// <summary>Where the problem is: a sweep error's <see cref="SweepError.Scope"/>.</summary>
    string Scope { get; }

    /// <summary>What the problem is, without the scope (a sweep error shows the two side by side).</summary>
    string Detail { get; }
}
