using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qlrf.Compliance.EvidencePacks;

namespace Qlrf.Cli.Tests;

/// <summary><c>qlrf compliance verify</c> on a pack file, offline: no sign-in, no API call.</summary>
public sealed class ComplianceCommandTests(CliHost fixture) : IClassFixture<CliHost>, IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("qlrf-cli-pack-").FullName;

    [Fact]
    public async Task A_signed_pack_verifies_and_exits_0_without_signing_in()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pack = Write("good.zip", key, tamper: null);

        var result = await fixture.Cli.RunAsync(null, "compliance", "verify", pack);
        var json = await fixture.Cli.RunAsync(null, "compliance", "verify", pack, "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Evidence pack evp-cli verifies: 2 files match index.json", result.Out, StringComparison.Ordinal);
        Assert.True(json.Json.GetProperty("verified").GetBoolean());
        Assert.Equal(EvidencePackSignature.Fingerprint(key), json.Json.GetProperty("keyFingerprint").GetString());
    }

    [Fact]
    public async Task A_changed_file_exits_1_naming_it_and_another_public_key_fails_the_signature()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var tampered = Write("tampered.zip", key, tamper: "controls.json");
        var good = Write("good.zip", key, tamper: null);
        var otherKey = Path.Combine(directory, "other.pem");
        await File.WriteAllTextAsync(otherKey, EvidencePackSignature.PublicKeyPem(other));

        var changed = await fixture.Cli.RunAsync(null, "compliance", "verify", tampered);
        var wrongKey = await fixture.Cli.RunAsync(null, "compliance", "verify", good, "--public-key", otherKey);
        var missing = await fixture.Cli.RunAsync(null, "compliance", "verify", Path.Combine(directory, "nothing.zip"));

        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("does NOT verify", changed.Out, StringComparison.Ordinal);
        Assert.Contains("  controls.json: has SHA-256 ", changed.Out, StringComparison.Ordinal);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("index.json.sig: the signature does not match index.json", wrongKey.Out, StringComparison.Ordinal);
        Assert.Equal(4, missing.ExitCode);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>A two-file pack signed with the key; with <paramref name="tamper"/>, that file changed after signing.</summary>
    private string Write(string name, ECDsa key, string? tamper)
    {
        var files = new Dictionary<string, byte[]>
        {
            ["controls.json"] = """{"framework":{"id":"cis-v8"}}"""u8.ToArray(),
            ["inventory/assets.jsonl"] = "{\"id\":\"i-1\"}\n"u8.ToArray(),
        };
        var index = new EvidencePackIndex
        {
            Format = EvidencePackLayout.Format,
            PackId = "evp-cli",
            Organisation = "acme",
            CreatedAt = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
            CreatedBy = "user:alice",
            Description = "test",
            Filters = new EvidencePackFilters("cis-v8", new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), ["prod"]),
            Files = [.. files.Select(f => new EvidencePackFileEntry(f.Key, "test", Convert.ToHexStringLower(SHA256.HashData(f.Value)), f.Value.Length))],
        };
        var indexBytes = JsonSerializer.SerializeToUtf8Bytes(index, EvidencePackJson.Options);
        if (tamper is not null)
        {
            files[tamper] = [.. files[tamper], (byte)' '];
        }

        files["index.json"] = indexBytes;
        files["index.json.sig"] = Encoding.UTF8.GetBytes(EvidencePackSignature.Sign(key, indexBytes));
        files["signing-key.pub.pem"] = Encoding.UTF8.GetBytes(EvidencePackSignature.PublicKeyPem(key));
        var path = Path.Combine(directory, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, content) in files)
        {
            using var stream = archive.CreateEntry(entry).Open();
            stream.Write(content);
        }

        return path;
    }
}
