using System.Text;
using Qlrf.Compliance;
using Qlrf.Compliance.Evidence;
using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.UnitTests.Compliance;

public sealed class ExecutiveSummaryPdfTests
{
    [Fact]
    public async Task The_summary_is_a_pdf_naming_the_pack_and_its_failing_controls()
    {
        var evaluator = new FakeComplianceEvaluator();
        var cis = await evaluator.EvaluateAsync("acme", "cis-v8", [], default);
        var soc2 = await evaluator.EvaluateAsync("acme", "soc2", [], default);
        var summary = new ExecutiveSummary("evp-1", "acme", FakeComplianceEvaluator.EvaluatedAt, "user:alice",
            new EvidencePackFilters("cis-v8", FakeComplianceEvaluator.EvaluatedAt.AddDays(-30), FakeComplianceEvaluator.EvaluatedAt, ["prod"]),
            [cis, soc2], new Dictionary<string, long> { ["assets"] = 3 });

        var pdf = ExecutiveSummaryPdf.Render(summary);

        Assert.True(pdf.Length > 2000, $"only {pdf.Length} bytes");
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        Assert.EndsWith("%%EOF", Encoding.ASCII.GetString(pdf).TrimEnd(), StringComparison.Ordinal);
        using var read = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.Equal("Compliance evidence evp-1", read.Info.Title);
        Assert.Equal("cis-v8, 2026-10-31 to 2026-11-30", read.Info.Subject);
        Assert.Equal(1, read.PageCount);
    }

    [Fact]
    public void A_long_list_of_failing_controls_runs_onto_more_pages()
    {
        var framework = new FrameworkRef("cis-v8", "8.0", "CIS Controls v8");
        var controls = Enumerable.Range(1, 120).Select(i => new ControlResult("cis-v8", $"1.{i}", $"Control {i}", ControlOutcome.Failing, 1, i, ["c"], [])).ToList();
        var summary = new ExecutiveSummary("evp-2", "acme", FakeComplianceEvaluator.EvaluatedAt, "user:alice",
            new EvidencePackFilters("cis-v8", FakeComplianceEvaluator.EvaluatedAt.AddDays(-1), FakeComplianceEvaluator.EvaluatedAt, []),
            [new FrameworkResult(framework, FakeComplianceEvaluator.EvaluatedAt, controls)], new Dictionary<string, long>());

        using var read = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(ExecutiveSummaryPdf.Render(summary)), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);

        Assert.True(read.PageCount >= 3, $"{read.PageCount} pages");
    }
}
