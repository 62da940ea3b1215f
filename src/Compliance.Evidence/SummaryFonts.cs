using PdfSharp.Fonts;

namespace Qlrf.Compliance.Evidence;

/// <summary>
/// The executive summary's typeface, <see cref="Family"/>: a sans-serif TrueType font found on the machine (Liberation
/// Sans, DejaVu Sans, Arial; regular and bold). PDFsharp's own resolver finds no fonts on Linux, so this one is
/// installed as its fallback resolver; with none of the fonts present the summary fails, naming the places looked in.
/// </summary>
internal sealed class SummaryFonts : IFontResolver
{
    public const string Family = "QLRF Sans";

    private static readonly string[] Directories =
    [
        "/usr/share/fonts/truetype/liberation",
        "/usr/share/fonts/truetype/liberation2",
        "/usr/share/fonts/truetype/dejavu",
        "/usr/share/fonts/TTF",
        "/Library/Fonts",
        "/System/Library/Fonts/Supplemental",
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.Windows), "Fonts"),
    ];

    private static readonly (string Regular, string Bold)[] Faces =
    [
        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"),
        ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"),
        ("arial.ttf", "arialbd.ttf"),
        ("Arial.ttf", "Arial Bold.ttf"),
    ];

    private static readonly Lock Gate = new();
    private static bool installed;

    private readonly Lazy<(string Regular, string Bold)> files = new(Find);

    /// <summary>Makes the typeface available to PDFsharp, once per process, without displacing a resolver the application set.</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (!installed)
            {
                GlobalFontSettings.FallbackFontResolver ??= new SummaryFonts();
                installed = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase)
            ? new FontResolverInfo(bold ? "qlrf-sans-bold" : "qlrf-sans", false, italic)
            : null;

    public byte[]? GetFont(string faceName) => faceName switch
    {
        "qlrf-sans" => File.ReadAllBytes(files.Value.Regular),
        "qlrf-sans-bold" => File.ReadAllBytes(files.Value.Bold),
        _ => null,
    };

    private static (string Regular, string Bold) Find()
    {
        foreach (var directory in Directories.Where(d => d.Length > 0 && Directory.Exists(d)))
        {
            foreach (var (regular, bold) in Faces)
            {
                var r = Path.Combine(directory, regular);
                var b = Path.Combine(directory, bold);
                if (File.Exists(r))
                {
                    return (r, File.Exists(b) ? b : r);
                }
            }
        }

        throw new InvalidOperationException(
            "The evidence pack's summary needs a TrueType sans-serif font (Liberation Sans, DejaVu Sans or Arial) and found none in "
            + string.Join(", ", Directories.Where(d => d.Length > 0)) + ". Install fonts-liberation (Debian) or an equivalent.");
    }
}
