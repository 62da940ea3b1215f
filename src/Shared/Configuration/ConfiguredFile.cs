namespace Qlrf.Configuration;

/// <summary>
/// Finds a file a setting names (an estate file, the rollout policies, a sample catalogue). An absolute path is taken
/// as given. A relative one is looked for in the working directory and then in each directory above it, so that
/// <c>dotnet run --project src/Host</c> reads the repository's <c>samples/</c> and an edit there shows at once; then in
/// the application's own directory, where a published app carries its copies.
/// </summary>
public static class ConfiguredFile
{
    /// <summary>The full path of the file, or null when none of <see cref="Places"/> holds it.</summary>
    public static string? Find(string configured) => Places(configured).FirstOrDefault(File.Exists);

    /// <summary>Where <see cref="Find"/> looks, in order.</summary>
    public static IEnumerable<string> Places(string configured)
    {
        ArgumentException.ThrowIfNullOrEmpty(configured);
        if (Path.IsPathRooted(configured))
        {
            yield return configured;
            yield break;
        }

        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            yield return Path.Combine(directory.FullName, configured);
        }

        yield return Path.Combine(AppContext.BaseDirectory, configured);
    }

    /// <summary>Where a file was looked for, for a message saying it was not found.</summary>
    public static string Searched(string configured)
    {
        var places = Places(configured).ToList();
        return places.Count == 1
            ? places[0]
            : $"{places[0]}, the directories above it, and {places[^1]}";
    }
}
