namespace Qlrf.Ai.Tests;

/// <summary>Files under the repository's samples/ folder.</summary>
internal static class Samples
{
    private static readonly string Root = Find();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "ai-eval.jsonl")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new FileNotFoundException("samples/ai-eval.jsonl"), "samples");
    }
}
