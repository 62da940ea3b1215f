using Qlrf.Compliance.Checks;
using Qlrf.Configuration;
using Qlrf.Errors;

namespace Qlrf.Compliance.Frameworks;

/// <summary>The frameworks loaded from the configured directory, by id (each id once across the files).</summary>
public sealed class FrameworkCatalogue
{
    private readonly Dictionary<string, Framework> byId;

    public FrameworkCatalogue(IReadOnlyList<Framework> frameworks)
    {
        ArgumentNullException.ThrowIfNull(frameworks);
        byId = new Dictionary<string, Framework>(StringComparer.Ordinal);
        foreach (var framework in frameworks)
        {
            if (!byId.TryAdd(framework.Id, framework))
            {
                throw new FrameworkFileException(framework.File, 1, "id", $"'{framework.Id}' is also the id of {byId[framework.Id].File}.");
            }
        }

        Frameworks = frameworks.OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<Framework> Frameworks { get; }

    public Framework Get(string id) =>
        byId.TryGetValue(id, out var framework)
            ? framework
            : throw new NotFoundException($"There is no compliance framework '{id}'; the frameworks are {string.Join(", ", byId.Keys.Order(StringComparer.Ordinal))}.");

    /// <summary>Every check instance used by any framework, once each.</summary>
    public IReadOnlyList<CheckUse> Instances => Frameworks.SelectMany(f => f.Instances).DistinctBy(u => u.InstanceKey).ToList();

    /// <summary>
    /// Loads every <c>*.yaml</c> of the directory, found as <see cref="ConfiguredFile"/> finds files (the working
    /// directory and those above it, then the app's own directory). Throws, naming the file, when a file is wrong or
    /// the directory holds none.
    /// </summary>
    public static FrameworkCatalogue Load(string directory, IEnumerable<IComplianceCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var found = ConfiguredFile.Places(directory).FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException($"The compliance framework directory '{directory}' (setting 'Qlrf:Compliance:Directory') was not found; looked in {ConfiguredFile.Searched(directory)}.");
        var files = Directory.GetFiles(found, "*.yaml").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            throw new InvalidOperationException($"The compliance framework directory '{found}' holds no *.yaml file.");
        }

        var byId = checks.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return new FrameworkCatalogue(files.Select(f => FrameworkFileReader.Read(f, byId)).ToList());
    }
}
