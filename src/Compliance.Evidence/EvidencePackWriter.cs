using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Qlrf.Approvals;
using Qlrf.Audit;
using Qlrf.Compliance.EvidencePacks;
using Qlrf.Dr;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Json;

namespace Qlrf.Compliance.Evidence;

/// <summary>What writing a pack produced: the files index.json lists, the ZIP's size and SHA-256, and the signer.</summary>
public sealed record EvidencePackWritten(IReadOnlyList<EvidencePackFileEntry> Files, long Size, string Sha256, EvidencePackSigner Signer);

/// <summary>
/// Writes an evidence pack as a ZIP, streamed into the output a file at a time (each file hashed as it is written, so
/// nothing is held whole but one image's SBOM or one drill's report): controls.json, the assets in scope (JSON Lines),
/// each image version's SBOM and scans, each drill's report (JSON and Markdown), the approvals of the changes in scope,
/// the audit log's slice for the range (JSON Lines) with the whole chain's verification, and summary.pdf; then
/// index.json, its detached signature and the public key.
/// </summary>
public sealed partial class EvidencePackWriter(
    IInventoryStore inventory,
    IImageStore images,
    IDrillStore drills,
    IApprovalStore approvals,
    IAuditReader audit,
    EvidencePackSigningKey key)
{
    private static readonly JsonSerializerOptions Json = new(QlrfJson.Options) { WriteIndented = true };
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes the pack; <paramref name="progress"/> hears each step and how many files are written.</summary>
    public async Task<EvidencePackWritten> WriteAsync(
        EvidencePack pack,
        EvidenceScope scope,
        FrameworkResult controls,
        IReadOnlyList<FrameworkResult> frameworks,
        Stream output,
        Func<EvidencePackProgress, Task>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pack);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(controls);
        ArgumentNullException.ThrowIfNull(frameworks);
        ArgumentNullException.ThrowIfNull(output);
        var report = progress ?? (_ => Task.CompletedTask);
        var zipHash = new HashingStream(output, leaveOpen: true);
        await using (zipHash)
        {
            var files = new List<EvidencePackFileEntry>();
            var counts = new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["assets"] = scope.Assets,
                ["imageVersions"] = scope.ImageVersions.Count,
                ["unregisteredImageVersions"] = scope.UnregisteredImageVersions,
                ["drills"] = scope.Drills.Count,
                ["changes"] = scope.ApprovalSubjects.Count,
            };
            var zip = new ZipArchive(zipHash, ZipArchiveMode.Create, leaveOpen: true);
            await using (zip)
            {
                var entries = new Entries(zip, files);
                await entries.JsonAsync(EvidencePackLayout.Controls, EvidencePackLayout.Kinds.Controls, controls, cancellationToken);
                await report(new("controls", files.Count));

                await entries.WriteAsync("inventory/assets.jsonl", EvidencePackLayout.Kinds.Assets, async (stream, ct) =>
                {
                    await foreach (var asset in EvidenceScoper.AssetsAsync(inventory, pack, ct))
                    {
                        await JsonSerializer.SerializeAsync(stream, new AssetLine(asset.Asset.Id, asset.Asset.Name, asset.Asset.Platform, asset.Asset.Site, asset.Asset.Environment, asset.Asset.Image, asset.Asset.State, asset.LastChangedAt), QlrfJson.Options, ct);
                        await stream.WriteAsync(NewLine, ct);
                    }
                }, cancellationToken);
                await report(new("assets", files.Count));

                await WriteImagesAsync(entries, pack, scope, cancellationToken);
                await report(new("images", files.Count));

                await WriteDrillsAsync(entries, pack, scope, cancellationToken);
                counts["approvals"] = await WriteApprovalsAsync(entries, pack, scope, cancellationToken);
                await report(new("drills and approvals", files.Count));

                counts["auditEntries"] = await WriteAuditAsync(entries, pack, cancellationToken);
                await report(new("audit", files.Count));

                var summary = ExecutiveSummaryPdf.Render(new ExecutiveSummary(pack.Id, pack.Organisation, pack.CreatedAt, pack.RequestedBy, Filters(pack), frameworks, counts));
                await entries.WriteAsync(EvidencePackLayout.Summary, EvidencePackLayout.Kinds.Summary, (s, ct) => s.WriteAsync(summary, ct).AsTask(), cancellationToken);

                var index = new EvidencePackIndex
                {
                    Format = EvidencePackLayout.Format,
                    PackId = pack.Id,
                    Organisation = pack.Organisation,
                    CreatedAt = pack.CreatedAt,
                    CreatedBy = pack.RequestedBy,
                    Description = $"Compliance evidence for {pack.Framework}, {pack.From:yyyy-MM-dd} to {pack.To:yyyy-MM-dd}, "
                        + (pack.Environments.Count == 0 ? "all environments" : "environments " + string.Join(", ", pack.Environments)),
                    Filters = Filters(pack),
                    Counts = counts,
                    Files = [.. files],
                };
                var indexBytes = JsonSerializer.SerializeToUtf8Bytes(index, EvidencePackJson.Options);
                await Entries.RawAsync(zip, EvidencePackLayout.Index, indexBytes, cancellationToken);
                await Entries.RawAsync(zip, EvidencePackLayout.Signature, Encoding.UTF8.GetBytes(key.Sign(indexBytes)), cancellationToken);
                await Entries.RawAsync(zip, EvidencePackLayout.PublicKey, Encoding.UTF8.GetBytes(key.PublicKeyPem), cancellationToken);
            }

            await zipHash.FlushAsync(cancellationToken);
            await report(new("written", files.Count));
            return new EvidencePackWritten(files, zipHash.Written, zipHash.Sha256(), key.Describe());
        }
    }

    public static EvidencePackFilters Filters(EvidencePack pack)
    {
        ArgumentNullException.ThrowIfNull(pack);
        return new(pack.Framework, pack.From, pack.To, pack.Environments);
    }

    /// <summary>A name safe as one path segment: letters, digits, '.', '_', '-' and '@'; anything else becomes '_'.</summary>
    public static string Segment(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@' ? c : '_').ToArray();
        var segment = new string(chars);
        return segment is "." or ".." || segment.Length == 0 ? "_" + segment : segment;
    }

    private async Task WriteImagesAsync(Entries entries, EvidencePack pack, EvidenceScope scope, CancellationToken cancellationToken)
    {
        foreach (var versionId in scope.ImageVersions)
        {
            var folder = "images/" + Segment(versionId);
            if (await images.GetSbomAsync(pack.Organisation, versionId, cancellationToken) is { } sbom)
            {
                var components = await images.ListComponentsAsync(pack.Organisation, versionId, cancellationToken);
                await entries.JsonAsync(folder + "/sbom.json", EvidencePackLayout.Kinds.Sbom, new SbomFile(versionId, sbom, components), cancellationToken);
            }

            var scans = await images.ListScansAsync(pack.Organisation, versionId, cancellationToken);
            if (scans.Count > 0)
            {
                var findings = await images.ListFindingsAsync(pack.Organisation, versionId, cancellationToken);
                await entries.JsonAsync(folder + "/scans.json", EvidencePackLayout.Kinds.Scans, new ScansFile(versionId, scans, findings), cancellationToken);
            }
        }
    }

    private async Task WriteDrillsAsync(Entries entries, EvidencePack pack, EvidenceScope scope, CancellationToken cancellationToken)
    {
        foreach (var drillId in scope.Drills)
        {
            var report = await drills.GetReportAsync(pack.Organisation, drillId, cancellationToken)
                ?? throw new InvalidOperationException($"Drill {drillId}'s report is gone since the pack's scope was decided.");
            var name = "drills/" + Segment(drillId);
            await entries.JsonAsync(name + ".json", EvidencePackLayout.Kinds.DrillReport, report, cancellationToken);
            await entries.WriteAsync(name + ".md", EvidencePackLayout.Kinds.DrillReport, (s, ct) => s.WriteAsync(Encoding.UTF8.GetBytes(DrillReportMarkdown.Render(report)), ct).AsTask(), cancellationToken);
        }
    }

    private async Task<long> WriteApprovalsAsync(Entries entries, EvidencePack pack, EvidenceScope scope, CancellationToken cancellationToken)
    {
        long count = 0;
        await entries.WriteAsync("approvals/approvals.jsonl", EvidencePackLayout.Kinds.Approvals, async (stream, ct) =>
        {
            foreach (var subject in scope.ApprovalSubjects)
            {
                var records = await approvals.ListBySubjectAsync(pack.Organisation, subject.Id, ct);
                count += records.Count;
                var line = new ApprovalLine(subject, records, ApprovalLine.SeparationOfDuties(subject, records));
                await JsonSerializer.SerializeAsync(stream, line, QlrfJson.Options, ct);
                await stream.WriteAsync(NewLine, ct);
            }
        }, cancellationToken);
        return count;
    }

    private async Task<long> WriteAuditAsync(Entries entries, EvidencePack pack, CancellationToken cancellationToken)
    {
        long count = 0;
        long? first = null;
        long? last = null;
        await entries.WriteAsync("audit/audit-log.jsonl", EvidencePackLayout.Kinds.AuditLog, async (stream, ct) =>
        {
            var filter = new AuditFilter { From = pack.From, To = pack.To };
            long? after = null;
            do
            {
                var page = await audit.QueryAsync(pack.Organisation, filter, AuditOrder.OldestFirst, AuditVerifier.PageSize, after, ct);
                foreach (var entry in page.Items)
                {
                    await JsonSerializer.SerializeAsync(stream, entry, QlrfJson.Options, ct);
                    await stream.WriteAsync(NewLine, ct);
                    first ??= entry.Sequence;
                    last = entry.Sequence;
                    count++;
                }

                after = page.NextCursor is null ? null : long.Parse(page.NextCursor, System.Globalization.CultureInfo.InvariantCulture);
            }
            while (after is not null);
        }, cancellationToken);

        var verification = await AuditVerifier.VerifyAsync(audit, pack.Organisation, cancellationToken);
        await entries.JsonAsync("audit/chain-verification.json", EvidencePackLayout.Kinds.AuditVerification, new AuditSliceVerification(pack.From, pack.To, count, first, last, verification), cancellationToken);
        return count;
    }

    private sealed record AssetLine(string Id, string Name, Platform Platform, string Site, string Environment, ImageRef? Image, AssetState State, DateTimeOffset LastChangedAt);

    private sealed record SbomFile(string VersionId, SbomSummary Sbom, IReadOnlyList<Images.Sbom.SbomComponent> Components);

    private sealed record ScansFile(string VersionId, IReadOnlyList<ScanSummary> Scans, IReadOnlyList<Images.Scanners.VulnerabilityFinding> Findings);

    /// <summary>The slice of the audit log in the pack (its range, entries and sequence numbers) and the verdict on the whole chain it belongs to.</summary>
    private sealed record AuditSliceVerification(DateTimeOffset From, DateTimeOffset To, long Entries, long? FirstSequence, long? LastSequence, AuditVerification Chain);

    private sealed record ApprovalLine(ApprovalSubject Change, IReadOnlyList<Approval> Approvals, bool? ApprovedByOthers)
    {
        /// <summary>Whether an approval of the change was granted by someone other than its requester; null when it had none.</summary>
        public static bool? SeparationOfDuties(ApprovalSubject subject, IReadOnlyList<Approval> approvals) =>
            approvals.Count == 0
                ? null
                : approvals.Any(a => a.Status == ApprovalStatus.Approved
                    && a.Decisions.Any(d => d.Decision == ApprovalDecisionKind.Approve && !string.Equals(d.Actor, subject.RequestedBy, StringComparison.Ordinal)));
    }
}
