using System.Security.Cryptography;
using System.Text;
using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.UnitTests.Compliance;

public sealed class EvidencePackVerifierTests
{
    public static TheoryData<string> IndexedFiles =>
    [
        "controls.json", "inventory/assets.jsonl", "images/ubuntu-2204-base@1.0.0/scans.json", "images/ubuntu-2204-base@2.0.0/sbom.json",
        "audit/chain-verification.json", "summary.pdf",
    ];

    [Fact]
    public async Task A_pack_as_written_verifies_with_its_own_key_and_with_the_hosts()
    {
        using var sample = new EvidencePackSample();
        var (zip, written) = await sample.WriteAsync(EvidencePackSample.Pack("prod"));

        var own = await VerifyAsync(zip, null);
        var host = await VerifyAsync(zip, sample.Key.PublicKeyPem);

        Assert.True(own.Verified, string.Join("; ", own.Problems));
        Assert.True(host.Verified, string.Join("; ", host.Problems));
        Assert.Equal(written.Files.Count, own.FilesChecked);
        Assert.Equal("pack", own.KeySource);
        Assert.Equal("given", host.KeySource);
        Assert.Equal(sample.Key.Fingerprint, host.KeyFingerprint);
        Assert.Equal("evp-test", own.PackId);
    }

    [Theory]
    [MemberData(nameof(IndexedFiles))]
    public async Task A_byte_changed_in_any_file_fails_verification_naming_that_file(string path)
    {
        using var sample = new EvidencePackSample();
        var (zip, _) = await sample.WriteAsync(EvidencePackSample.Pack("prod"));

        var result = await VerifyAsync(ZipTamper.FlipByte(zip, path), sample.Key.PublicKeyPem);

        Assert.False(result.Verified);
        var problem = Assert.Single(result.Problems);
        Assert.Equal(path, problem.Path);
        Assert.StartsWith("has SHA-256 ", problem.Problem, StringComparison.Ordinal);
        Assert.True(result.SignatureValid);
    }

    [Fact]
    public async Task A_byte_changed_in_index_json_fails_the_signature()
    {
        using var sample = new EvidencePackSample();
        var (zip, _) = await sample.WriteAsync(EvidencePackSample.Pack("prod"));
        var index = ZipTamper.Read(zip, "index.json");
        var at = Encoding.UTF8.GetString(index).IndexOf("user:alice", StringComparison.Ordinal);
        var edited = ZipTamper.Remove(zip, "index.json");
        index[at] = (byte)'U';

        var result = await VerifyAsync(ZipTamper.Add(edited, "index.json", index), sample.Key.PublicKeyPem);

        Assert.False(result.Verified);
        Assert.False(result.SignatureValid);
        Assert.Equal([new EvidencePackProblem("index.json.sig", "the signature does not match index.json")], result.Problems);
    }

    [Fact]
    public async Task A_file_added_or_removed_is_named()
    {
        using var sample = new EvidencePackSample();
        var (zip, _) = await sample.WriteAsync(EvidencePackSample.Pack("prod"));

        var added = await VerifyAsync(ZipTamper.Add(zip, "extra.txt", "x"u8.ToArray()), null);
        var removed = await VerifyAsync(ZipTamper.Remove(zip, "summary.pdf"), null);

        Assert.Equal([new EvidencePackProblem("extra.txt", "is in the pack but not listed in index.json")], added.Problems);
        Assert.Equal([new EvidencePackProblem("summary.pdf", "is listed in index.json but missing from the pack")], removed.Problems);
        Assert.False(added.Verified);
        Assert.False(removed.Verified);
    }

    [Fact]
    public async Task A_pack_re_signed_with_another_key_verifies_with_its_own_key_but_not_with_the_hosts()
    {
        using var sample = new EvidencePackSample();
        var (zip, _) = await sample.WriteAsync(EvidencePackSample.Pack("prod"));
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var resigned = ZipTamper.Add(ZipTamper.Remove(ZipTamper.Remove(zip, "index.json.sig"), "signing-key.pub.pem"), "index.json.sig", Encoding.UTF8.GetBytes(EvidencePackSignature.Sign(other, ZipTamper.Read(zip, "index.json"))));
        resigned = ZipTamper.Add(resigned, "signing-key.pub.pem", Encoding.UTF8.GetBytes(EvidencePackSignature.PublicKeyPem(other)));

        Assert.True((await VerifyAsync(resigned, null)).Verified);
        var host = await VerifyAsync(resigned, sample.Key.PublicKeyPem);
        Assert.False(host.Verified);
        Assert.Equal("index.json.sig", Assert.Single(host.Problems).Path);
    }

    [Fact]
    public async Task Not_a_zip_is_reported_as_such()
    {
        var result = await VerifyAsync("not a zip"u8.ToArray(), null);

        Assert.False(result.Verified);
        Assert.Equal("(archive)", Assert.Single(result.Problems).Path);
    }

    [Fact]
    public void Rsa_pss_signatures_verify_and_fail_when_the_data_changes()
    {
        using var rsa = RSA.Create(2048);
        var data = "index"u8.ToArray();
        var signature = EvidencePackSignature.Sign(rsa, data);

        Assert.StartsWith("PS256 ", signature, StringComparison.Ordinal);
        Assert.Null(EvidencePackSignature.Check(EvidencePackSignature.PublicKeyPem(rsa), signature, data));
        Assert.Equal("the signature does not match index.json", EvidencePackSignature.Check(EvidencePackSignature.PublicKeyPem(rsa), signature, "indeX"u8.ToArray()));
    }

    private static Task<EvidencePackVerification> VerifyAsync(byte[] zip, string? key) => EvidencePackVerifier.VerifyAsync(new MemoryStream(zip), key, default);
}
