using Microsoft.Extensions.Configuration;

namespace Qlrf.Discovery;

/// <summary>
/// Creates asset sources of one kind (<c>sandbox</c>, <c>aws</c>, ...) from their configuration section
/// (<c>Qlrf:Discovery:Sources:{name}</c>). Register one per kind; each source's kind picks its factory.
/// </summary>
public interface IAssetSourceFactory
{
    string Kind { get; }

    /// <summary>Problems with the kind-specific settings, each naming the full setting path (under <paramref name="settingPath"/>).</summary>
    IEnumerable<string> Validate(string settingPath, IConfiguration section);

    IAssetSource Create(AssetSourceDefinition definition, IConfiguration section);
}

/// <summary>A configured asset source: what every kind shares.</summary>
public sealed record AssetSourceDefinition(
    string Name,
    string Kind,
    string Organisation,
    Scheduling.CronSchedule Schedule,
    bool SweepAtStartup,
    TimeSpan Timeout);
