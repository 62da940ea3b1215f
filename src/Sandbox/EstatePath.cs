namespace Qlrf.Sandbox;

/// <summary>
/// Finds an estate file: an absolute path as given; a relative one from the working directory, then
/// from the application's own directory (where the bundled sample is copied).
/// </summary>
public static class EstatePath
{
    public static string? Resolve(string configured)
    {
        ArgumentException.ThrowIfNullOrEmpty(configured);
        if (Path.IsPathRooted(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var fromWorkingDirectory = Path.GetFullPath(configured);
        if (File.Exists(fromWorkingDirectory))
        {
            return fromWorkingDirectory;
        }

        var fromApp = Path.Combine(AppContext.BaseDirectory, configured);
        return File.Exists(fromApp) ? fromApp : null;
    }
}
