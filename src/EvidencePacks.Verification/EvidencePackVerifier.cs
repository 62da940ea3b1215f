using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Qlrf.Compliance.EvidencePacks;

/// <summary>
/// Verifies an evidence pack offline: the signature over index.json's bytes (with the public key given, else the one in
/// the pack), then every file index.json lists against its SHA-256 and size, and that the pack holds no file it does
/// not list. The API's verify endpoint and <c>qlrf compliance verify</c> both call it.
/// </summary>
public static class EvidencePackVerifier
{
    /// <summary>Verifies a pack from a seekable stream. <paramref name="trustedPublicKeyPem"/>: a PEM public key or certificate to verify with instead of the pack's own.</summary>
    public static async Task<EvidencePackVerification> VerifyAsync(Stream zip, string? trustedPublicKeyPem, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(zip);
        var problems = new List<EvidencePackProblem>();
        var keySource = trustedPublicKeyPem is null ? "pack" : "given";
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zip, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException ex)
        {
            return Failed(null, keySource, [new("(archive)", "is not a readable ZIP: " + ex.Message)]);
        }

        using (archive)
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                if (!entries.TryAdd(entry.FullName, entry))
                {
                    problems.Add(new(entry.FullName, "appears more than once in the archive"));
                }
            }

            var indexBytes = await ReadAsync(entries, EvidencePackLayout.Index, problems, cancellationToken);
            if (indexBytes is null)
            {
                return Failed(null, keySource, problems);
            }

            EvidencePackIndex? index = null;
            try
            {
                index = JsonSerializer.Deserialize<EvidencePackIndex>(indexBytes, EvidencePackJson.Options);
            }
            catch (JsonException ex)
            {
                problems.Add(new(EvidencePackLayout.Index, "is not a valid index: " + ex.Message));
            }

            var publicKey = trustedPublicKeyPem ?? Text(await ReadAsync(entries, EvidencePackLayout.PublicKey, problems, cancellationToken));
            var signature = Text(await ReadAsync(entries, EvidencePackLayout.Signature, problems, cancellationToken));
            var fingerprint = Fingerprint(publicKey);
            var signatureValid = false;
            if (publicKey is not null && signature is not null)
            {
                if (EvidencePackSignature.Check(publicKey, signature, indexBytes) is { } why)
                {
                    problems.Add(new(EvidencePackLayout.Signature, why));
                }
                else
                {
                    signatureValid = true;
                }
            }

            if (index is null)
            {
                return Failed(null, keySource, problems) with { SignatureValid = signatureValid, KeyFingerprint = fingerprint };
            }

            if (index.Format != EvidencePackLayout.Format)
            {
                problems.Add(new(EvidencePackLayout.Index, $"has format {index.Format}; this verifier reads format {EvidencePackLayout.Format}"));
            }

            var checkedFiles = 0;
            var listed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in index.Files ?? [])
            {
                if (!listed.Add(file.Path))
                {
                    problems.Add(new(file.Path, "is listed more than once in index.json"));
                    continue;
                }

                if (!entries.TryGetValue(file.Path, out var entry))
                {
                    problems.Add(new(file.Path, "is listed in index.json but missing from the pack"));
                    continue;
                }

                checkedFiles++;
                if (await HashAsync(entry, cancellationToken) is not var (sha256, size))
                {
                    problems.Add(new(file.Path, "cannot be read: its compressed data is corrupt"));
                }
                else if (!string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new(file.Path, $"has SHA-256 {sha256}, index.json says {file.Sha256}"));
                }
                else if (size != file.Size)
                {
                    problems.Add(new(file.Path, $"has {size} bytes, index.json says {file.Size}"));
                }
            }

            foreach (var name in entries.Keys.Where(n => !listed.Contains(n) && !EvidencePackLayout.Unindexed.Contains(n)).Order(StringComparer.Ordinal))
            {
                problems.Add(new(name, "is in the pack but not listed in index.json"));
            }

            return new EvidencePackVerification(problems.Count == 0 && signatureValid, index.PackId, checkedFiles, signatureValid, keySource, fingerprint, problems);
        }
    }

    /// <summary>Verifies a pack file.</summary>
    public static async Task<EvidencePackVerification> VerifyFileAsync(string path, string? trustedPublicKeyPem, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await VerifyAsync(stream, trustedPublicKeyPem, cancellationToken).ConfigureAwait(false);
        }
    }

    private static EvidencePackVerification Failed(string? packId, string keySource, IReadOnlyList<EvidencePackProblem> problems) =>
        new(false, packId, 0, false, keySource, null, problems);

    private static string? Text(byte[]? bytes) => bytes is null ? null : Encoding.UTF8.GetString(bytes);

    private static string? Fingerprint(string? publicKeyPem)
    {
        if (publicKeyPem is null || publicKeyPem.Contains("BEGIN CERTIFICATE", StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            using var key = ECDsa.Create();
            key.ImportFromPem(publicKeyPem);
            return EvidencePackSignature.Fingerprint(key);
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportFromPem(publicKeyPem);
                return EvidencePackSignature.Fingerprint(rsa);
            }
            catch (Exception inner) when (inner is CryptographicException or ArgumentException)
            {
                return null;
            }
        }
    }

    private static async Task<byte[]?> ReadAsync(Dictionary<string, ZipArchiveEntry> entries, string name, List<EvidencePackProblem> problems, CancellationToken cancellationToken)
    {
        if (!entries.TryGetValue(name, out var entry))
        {
            problems.Add(new(name, "is missing from the pack"));
            return null;
        }

        try
        {
            var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                return buffer.ToArray();
            }
        }
        catch (InvalidDataException)
        {
            problems.Add(new(name, "cannot be read: its compressed data is corrupt"));
            return null;
        }
    }

    private static async Task<(string Sha256, long Size)?> HashAsync(ZipArchiveEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                int read;
                while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    size += read;
                }
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
