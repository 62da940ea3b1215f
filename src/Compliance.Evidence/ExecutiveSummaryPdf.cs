using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Qlrf.Compliance.Evidence;

/// <summary>
/// Renders the executive summary with PDFsharp: the filters, what is in scope, a bar chart of each framework's score
/// (drawn with <see cref="XGraphics"/>) with its passing, failing and manual counts, and the failing controls with how
/// many objects fail each, most first. Pages are added as the list runs on.
/// </summary>
public static class ExecutiveSummaryPdf
{
    private const double Margin = 50;

    private static readonly XColor Passing = XColor.FromArgb(46, 125, 50);
    private static readonly XColor Failing = XColor.FromArgb(198, 40, 40);
    private static readonly XColor Track = XColor.FromArgb(230, 230, 230);

    public static byte[] Render(ExecutiveSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        SummaryFonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"Compliance evidence {summary.PackId}";
        document.Info.Author = "QL-RF";
        document.Info.Subject = $"{summary.Filters.Framework}, {summary.Filters.From:yyyy-MM-dd} to {summary.Filters.To:yyyy-MM-dd}";
        document.Info.CreationDate = summary.CreatedAt.UtcDateTime;
        var writer = new PageWriter(document);
        var title = new XFont(SummaryFonts.Family, 18, XFontStyleEx.Bold);
        var heading = new XFont(SummaryFonts.Family, 12, XFontStyleEx.Bold);
        var body = new XFont(SummaryFonts.Family, 9.5, XFontStyleEx.Regular);

        writer.Text("Compliance evidence: executive summary", title, 26);
        writer.Text($"Pack {summary.PackId} for {summary.Organisation}, made {Stamp(summary.CreatedAt)} by {summary.CreatedBy}", body, 16);
        writer.Gap(8);
        writer.Text("Filters", heading, 18);
        writer.Text($"Framework: {summary.Filters.Framework}", body, 14);
        writer.Text($"Date range: {Stamp(summary.Filters.From)} to {Stamp(summary.Filters.To)} (end exclusive)", body, 14);
        writer.Text($"Environments: {(summary.Filters.Environments.Count == 0 ? "all" : string.Join(", ", summary.Filters.Environments))}", body, 14);
        writer.Text("In scope: " + string.Join(", ", summary.Counts.Select(c => $"{c.Value.ToString(CultureInfo.InvariantCulture)} {c.Key}")), body, 14);
        writer.Gap(10);

        writer.Text("Scores per framework", heading, 20);
        foreach (var framework in summary.Frameworks)
        {
            writer.Bar(framework, body);
        }

        writer.Gap(10);
        writer.Text($"Failing controls of {summary.Filters.Framework}", heading, 18);
        var failing = summary.Frameworks.Where(f => f.Framework.Id == summary.Filters.Framework).SelectMany(f => f.Controls.Where(c => c.Outcome == ControlOutcome.Failing))
            .OrderByDescending(c => c.Failed).ThenBy(c => c.FrameworkId, StringComparer.Ordinal).ThenBy(c => c.ControlId, StringComparer.Ordinal).ToList();
        if (failing.Count == 0)
        {
            writer.Text("None: every evidenced control passes.", body, 14);
        }

        foreach (var control in failing)
        {
            writer.Text($"{control.FrameworkId} {control.ControlId}  {control.Title}: {control.Failed} failing of {control.Passed + control.Failed}", body, 14);
        }

        var manual = summary.Frameworks.Where(f => f.Framework.Id == summary.Filters.Framework).Sum(f => f.Manual);
        if (manual > 0)
        {
            writer.Gap(6);
            writer.Text($"{manual} controls need manual evidence (see controls.json); they are never scored as passing.", body, 14);
        }

        writer.Dispose();
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Writes down a page, adding a page when the next line would not fit.</summary>
    private sealed class PageWriter(PdfDocument document) : IDisposable
    {
        private XGraphics? graphics;
        private double y;
        private double width;
        private double height;

        public void Text(string text, XFont font, double lineHeight)
        {
            var g = Room(lineHeight);
            g.DrawString(Fit(g, text, font, width - (2 * Margin)), font, XBrushes.Black, new XRect(Margin, y, width - (2 * Margin), lineHeight), XStringFormats.TopLeft);
            y += lineHeight;
        }

        public void Gap(double space) => y += space;

        /// <summary>The framework's name, then a bar: its score in green on a grey track, with the counts beside it.</summary>
        public void Bar(FrameworkResult framework, XFont font)
        {
            var g = Room(40);
            var label = $"{framework.Framework.Title} ({framework.Framework.Id} {framework.Framework.Version})";
            g.DrawString(Fit(g, label, font, width - (2 * Margin)), font, XBrushes.Black, new XRect(Margin, y, width - (2 * Margin), 14), XStringFormats.TopLeft);
            var track = 300.0;
            var top = y + 16;
            g.DrawRectangle(new XSolidBrush(Track), Margin, top, track, 14);
            var evidenced = framework.Passing + framework.Failing;
            if (evidenced > 0)
            {
                g.DrawRectangle(new XSolidBrush(Passing), Margin, top, track * framework.Passing / evidenced, 14);
                g.DrawRectangle(new XSolidBrush(Failing), Margin + (track * framework.Passing / evidenced), top, track * framework.Failing / evidenced, 14);
            }

            var counts = string.Create(CultureInfo.InvariantCulture, $"{framework.Score:0.#}%  passing {framework.Passing}, failing {framework.Failing}, manual {framework.Manual}");
            g.DrawString(counts, font, XBrushes.Black, new XRect(Margin + track + 10, top, width - track - (2 * Margin) - 10, 14), XStringFormats.CenterLeft);
            y += 40;
        }

        public void Dispose() => graphics?.Dispose();

        private XGraphics Room(double needed)
        {
            if (graphics is null || y + needed > height - Margin)
            {
                graphics?.Dispose();
                var page = document.AddPage();
                page.Size = PdfSharp.PageSize.A4;
                graphics = XGraphics.FromPdfPage(page);
                (width, height, y) = (page.Width.Point, page.Height.Point, Margin);
            }

            return graphics;
        }

        private static string Fit(XGraphics g, string text, XFont font, double room)
        {
            if (g.MeasureString(text, font).Width <= room)
            {
                return text;
            }

            var cut = text.Length;
            while (cut > 1 && g.MeasureString(string.Concat(text.AsSpan(0, cut), "…"), font).Width > room)
            {
                cut--;
            }

            return string.Concat(text.AsSpan(0, cut), "…");
        }
    }
}
