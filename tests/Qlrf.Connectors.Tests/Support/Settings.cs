using Microsoft.Extensions.Configuration;
using Qlrf.Discovery;
using Qlrf.Scheduling;

namespace Qlrf.Connectors.Tests.Support;

/// <summary>A source's configuration section, as the host would bind it.</summary>
public static class Settings
{
    public static IConfigurationSection Section(string source, IDictionary<string, string?> values)
    {
        var prefix = $"Qlrf:Discovery:Sources:{source}:";
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(v => prefix + v.Key, v => v.Value))
            .Build();
        return config.GetSection($"Qlrf:Discovery:Sources:{source}");
    }

    public static AssetSourceDefinition Definition(string name, string kind) =>
        new(name, kind, "acme", CronSchedule.Parse("0 */15 * * * *"), false, TimeSpan.FromMinutes(10));

    /// <summary>A fresh environment variable holding <paramref name="value"/>, by name.</summary>
    public static string Variable(string value)
    {
        var name = "QLRF_TEST_" + Guid.NewGuid().ToString("N").ToUpperInvariant();
        Environment.SetEnvironmentVariable(name, value);
        return name;
    }
}
