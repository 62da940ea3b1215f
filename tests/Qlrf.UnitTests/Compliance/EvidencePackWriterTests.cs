using System.Security.Cryptography;
using System.Text.Json;
using Qlrf.Compliance.Evidence;
using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.UnitTests.Compliance;

public sealed class EvidencePackWriterTests
{
    [Fact]
    public async Task A_prod_pack_holds_the_controls_the_prod_assets_their_images_evidence_the_audit_slice_and_the_summary_each_with_its_hash()
    {
        using var sample = new EvidencePackSample();

        var (zip, written) = await sample.WriteAsync(EvidencePackSample.Pack("prod"));

        Assert.Equal(
            [
                "approvals/approvals.jsonl", "audit/audit-log.jsonl", "audit/chain-verification.json", "controls.json", "images/ubuntu-2204-base@1.0.0/scans.json",
                "images/ubuntu-2204-base@2.0.0/sbom.json", "index.json", "index.json.sig", "inventory/assets.jsonl", "signing-key.pub.pem", "summary.pdf",
            ],
            ZipTamper.Names(zip).Order(StringComparer.Ordinal));
        var index = JsonSerializer.Deserialize<EvidencePackIndex>(ZipTamper.Read(zip, "index.json"), EvidencePackJson.Options)!;
        Assert.Equal(written.Files, index.Files);
        foreach (var file in index.Files)
        {
            var content = ZipTamper.Read(zip, file.Path);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(content)), file.Sha256);
            Assert.Equal(content.Length, file.Size);
        }

        Assert.Equal(new EvidencePackFilters("cis-v8", EvidencePackSample.Now.AddDays(-30), EvidencePackSample.Now, ["prod"]), index.Filters with { Environments = [.. index.Filters.Environments] }, new FiltersComparer());
        Assert.Equal("user:alice", index.CreatedBy);
        Assert.Equal(3, index.Counts["assets"]);
        Assert.Equal(2, index.Counts["imageVersions"]);
        var assets = System.Text.Encoding.UTF8.GetString(ZipTamper.Read(zip, "inventory/assets.jsonl")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["i-1", "i-2", "i-3"], assets.Select(a => JsonDocument.Parse(a).RootElement.GetProperty("id").GetString()));
        Assert.Contains("CVE-2026-0001", System.Text.Encoding.UTF8.GetString(ZipTamper.Read(zip, "images/ubuntu-2204-base@1.0.0/scans.json")), StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(zip), Convert.FromHexString(written.Sha256));
        Assert.Equal(zip.Length, written.Size);
    }

    [Fact]
    public async Task All_environments_bring_in_the_staging_asset_and_its_image()
    {
        using var sample = new EvidencePackSample();

        var (zip, _) = await sample.WriteAsync(EvidencePackSample.Pack());

        var index = JsonSerializer.Deserialize<EvidencePackIndex>(ZipTamper.Read(zip, "index.json"), EvidencePackJson.Options)!;
        Assert.Equal(4, index.Counts["assets"]);
        Assert.Equal(3, index.Counts["imageVersions"]);
        Assert.Empty(index.Filters.Environments);
    }

    [Fact]
    public async Task The_controls_file_is_the_evaluators_result_for_the_framework_asked_for()
    {
        using var sample = new EvidencePackSample();

        var (zip, _) = await sample.WriteAsync(EvidencePackSample.Pack("prod"));

        var controls = JsonDocument.Parse(ZipTamper.Read(zip, "controls.json")).RootElement;
        Assert.Equal("cis-v8", controls.GetProperty("framework").GetProperty("id").GetString());
        Assert.Equal(["7.3", "11.5", "14.1"], controls.GetProperty("controls").EnumerateArray().Select(c => c.GetProperty("controlId").GetString()));
        Assert.Equal("failing", controls.GetProperty("controls")[0].GetProperty("outcome").GetString());
    }

    [Fact]
    public void Path_segments_keep_safe_names_and_replace_the_rest() =>
        Assert.Equal(["ubuntu@1.0", "a_b_c", "_..", "_"], new[] { "ubuntu@1.0", "a/b\\c", "..", "" }.Select(EvidencePackWriter.Segment));

    private sealed class FiltersComparer : IEqualityComparer<EvidencePackFilters>
    {
        public bool Equals(EvidencePackFilters? x, EvidencePackFilters? y) =>
            x!.Framework == y!.Framework && x.From == y.From && x.To == y.To && x.Environments.SequenceEqual(y.Environments);

        public int GetHashCode(EvidencePackFilters obj) => obj.Framework.GetHashCode(StringComparison.Ordinal);
    }
}
