using System.Text.Json;
using System.Text.Json.Serialization;

namespace Qlrf.Cli.Config;

/// <summary>One organisation's sign-in: the API's URL and an API key.</summary>
public sealed record ProfileEntry(string Url, string ApiKey, string? Actor);

/// <summary>The stored sign-ins, by organisation, and the one used when <c>--org</c> names none.</summary>
public sealed record ProfileFile
{
    public string? Current { get; init; }

    public Dictionary<string, ProfileEntry> Organisations { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>
/// The profile file (<c>config.json</c> in the configuration directory). It holds API keys, so it is created with
/// mode 600 (owner read and write only) and rewritten that way; its directory is 700.
/// </summary>
public sealed class CliProfile(string directory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string FilePath { get; } = Path.Combine(directory, "config.json");

    public ProfileFile Read()
    {
        if (!File.Exists(FilePath))
        {
            return new ProfileFile();
        }

        try
        {
            return JsonSerializer.Deserialize<ProfileFile>(File.ReadAllText(FilePath), Json) ?? new ProfileFile();
        }
        catch (JsonException e)
        {
            throw new CliException(ExitCodes.Auth, $"The profile {FilePath} is not readable ({e.Message}); run `qlrf login` again.");
        }
    }

    public void Save(ProfileFile profile)
    {
        if (!OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        else
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, profile, Json);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, FilePath, overwrite: true);
    }
}
