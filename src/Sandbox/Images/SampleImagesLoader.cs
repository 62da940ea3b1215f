using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Qlrf.Configuration;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using Qlrf.Images;
using Qlrf.Inventory;
using Qlrf.Json;
using Qlrf.Tenancy;

namespace Qlrf.Sandbox.Images;

/// <summary>
/// Loads the sample golden images into the default organisation at start-up, family by family, only
/// where the family is absent: running it again, or after someone created the family, changes nothing.
/// A family's lifecycle is replayed through the registry in time order, so displaced versions are
/// deprecated exactly as they would be live; the transitions mark drift for re-evaluation.
/// </summary>
internal sealed class SampleImagesLoader(
    IImageStore images,
    IOptions<SampleImagesOptions> options,
    IOptions<TenancyOptions> tenancy,
    ILogger<SampleImagesLoader> logger) : IHostedService
{
    private const string Actor = "samples";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.SampleFile;
        if (string.IsNullOrWhiteSpace(configured))
        {
            return;
        }

        var path = ConfiguredFile.Find(configured)
            ?? throw new InvalidOperationException($"Setting '{SampleImagesOptions.Section}:SampleFile' names '{configured}', which does not exist. Fix the path, or set it empty to load no sample images.");
        var file = SampleImagesFile.Read(path);
        var organisation = tenancy.Value.DefaultOrganisation;
        foreach (var family in file.Families)
        {
            if (await images.GetFamilyAsync(organisation, family.Name, cancellationToken) is not null)
            {
                continue;
            }

            await LoadAsync(organisation, family, Path.GetDirectoryName(path)!, cancellationToken);
            SandboxLogs.SampleFamilyLoaded(logger, family.Name, organisation);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task LoadAsync(string organisation, SampleFamily family, string directory, CancellationToken cancellationToken)
    {
        var events = new List<(DateTimeOffset At, ImageVersionNumber Order, TransitionRequest Request)>();
        var firstCreated = family.Versions.Select(v => Time(v.Created)).DefaultIfEmpty(DateTimeOffset.UnixEpoch).Min();
        await images.CreateFamilyAsync(new ImageFamily
        {
            Organisation = organisation,
            Name = family.Name,
            Os = family.Os,
            Owner = family.Owner,
            Description = family.Description,
            CreatedAt = firstCreated,
            CreatedBy = Actor,
        }, cancellationToken);
        foreach (var v in family.Versions)
        {
            var number = ImageVersionNumber.Parse(v.Version);
            var id = ImageNames.VersionId(family.Name, v.Version);
            var created = Time(v.Created);
            await images.RegisterVersionAsync(new ImageVersion
            {
                Organisation = organisation,
                Id = id,
                Family = family.Name,
                Version = v.Version,
                CreatedAt = created,
                CreatedBy = Actor,
                Releases = v.Platforms.Select(p => new PlatformRelease { Platform = EnumText<Platform>.Parse(p.Key), Reference = p.Value }).OrderBy(r => r.Platform).ToList(),
            }, cancellationToken);
            foreach (var parent in v.Parents)
            {
                await images.AddLineageAsync(organisation, new LineageEdge(id, parent.Id, EnumText<LineageRelation>.Parse(parent.Relation), created, Actor), cancellationToken);
            }

            if (v.Build is { } build)
            {
                await images.AddBuildAsync(organisation, new BuildRecord
                {
                    Id = "build-" + v.Version,
                    VersionId = id,
                    Builder = build.Builder,
                    SourceRepository = build.SourceRepository,
                    Commit = build.Commit,
                    StartedAt = Time(build.StartedAt),
                    FinishedAt = Time(build.FinishedAt),
                    Provenance = build.Provenance.Count == 0 ? null : JsonSerializer.SerializeToElement(build.Provenance),
                    RecordedAt = created,
                    RecordedBy = Actor,
                }, cancellationToken);
            }

            foreach (var scan in v.Scans)
            {
                ScanReport report;
                await using (var file = File.OpenRead(Path.Combine(directory, scan)))
                {
                    report = await ScanReportReader.ReadAsync(file, null, ImportJsonReader.DefaultMaxDepth, cancellationToken);
                }

                await images.SaveScanAsync(organisation, id, report, Actor, cancellationToken);
            }

            if (v.Sbom is { } sbom)
            {
                SbomDocument document;
                await using (var file = File.OpenRead(Path.Combine(directory, sbom)))
                {
                    document = await SbomReader.ReadAsync(file, null, ImportJsonReader.DefaultMaxDepth, cancellationToken);
                }

                await images.SaveSbomAsync(organisation, id, document, Actor, cancellationToken);
            }

            foreach (var t in v.Lifecycle)
            {
                events.Add((Time(t.At), number, new TransitionRequest
                {
                    VersionId = id,
                    To = EnumText<LifecycleStatus>.Parse(t.Status),
                    Platforms = t.Platforms.Select(EnumText<Platform>.Parse).ToList(),
                    Reason = t.Reason,
                    Actor = t.By,
                    At = Time(t.At),
                }));
            }
        }

        foreach (var (_, _, request) in events.OrderBy(e => e.At).ThenBy(e => e.Order))
        {
            await images.TransitionAsync(organisation, request, cancellationToken);
        }
    }

    private static DateTimeOffset Time(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
