namespace Qlrf.Connectors.Tests.Support;

/// <summary>Recorded platform answers under <c>Fixtures/</c>, built from each provider's API reference.</summary>
public static class Fixtures
{
    public static string Read(string path) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", path));
}
