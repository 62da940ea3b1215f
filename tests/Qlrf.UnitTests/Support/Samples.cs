namespace Qlrf.UnitTests.Support;

/// <summary>Files under the repository's samples/ folder.</summary>
public static class Samples
{
    private static readonly string Root = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "images.yaml")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new FileNotFoundException("samples/images.yaml"), "samples");
    }
}
