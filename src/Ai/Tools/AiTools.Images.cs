using Qlrf.Errors;
using Qlrf.Images;
using Qlrf.Images.Sbom;
using Qlrf.Images.Scanners;
using Qlrf.Json;

namespace Qlrf.Ai.Tools;

public sealed partial class AiTools
{
    private async Task<AiToolOutput> GoldenImageAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var family = await rolloutRequests.FamilyAsync(organisation, call.Text("imageFamily"), "imageFamily", cancellationToken);
        var versions = await images.ListVersionsAsync(organisation, family.Name, cancellationToken);
        var golden = AiRolloutRequests.Golden(versions);
        var list = versions.OrderByDescending(v => v.Number).Take(MaxItems).Select(v => new
        {
            v.Version,
            v.CreatedAt,
            Releases = v.Releases.Select(r => new { Platform = EnumText<Inventory.Platform>.Of(r.Platform), Status = EnumText<LifecycleStatus>.Of(r.Status) }).ToList(),
        }).ToList();
        return AiToolOutput.Of($"{family.Name}: {versions.Count} version(s), golden {golden?.Version ?? "none"}", new { family = family.Name, golden = golden?.Version, versions = list });
    }

    private async Task<AiToolOutput> CompareVersionsAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var family = await rolloutRequests.FamilyAsync(organisation, call.Text("imageFamily"), "imageFamily", cancellationToken);
        var from = await rolloutRequests.VersionAsync(organisation, family.Name, call.Text("from"), "from", cancellationToken);
        var to = await rolloutRequests.VersionAsync(organisation, family.Name, call.Text("to"), "to", cancellationToken);
        var vulnerabilities = VulnerabilityDiff.Between(
            await images.ListFindingsAsync(organisation, from.Id, cancellationToken),
            await images.ListFindingsAsync(organisation, to.Id, cancellationToken));
        var components = ComponentDiff.Between(
            await images.ListComponentsAsync(organisation, from.Id, cancellationToken),
            await images.ListComponentsAsync(organisation, to.Id, cancellationToken));
        return AiToolOutput.Of(
            $"{from.Id} → {to.Id}: {vulnerabilities.Fixed.Count} vulnerabilities fixed, {vulnerabilities.Added.Count} introduced; {components.Added.Count} components added, {components.Removed.Count} removed, {components.Changed.Count} changed",
            new
            {
                from = from.Id,
                to = to.Id,
                @fixed = vulnerabilities.Fixed.Take(MaxItems).Select(Finding).ToList(),
                introduced = vulnerabilities.Added.Take(MaxItems).Select(Finding).ToList(),
                componentsAdded = components.Added.Take(MaxItems).Select(c => $"{c.Name} {c.Version}").ToList(),
                componentsRemoved = components.Removed.Take(MaxItems).Select(c => $"{c.Name} {c.Version}").ToList(),
                componentsChanged = components.Changed.Count,
            });
    }

    private async Task<AiToolOutput> VulnerabilitiesAsync(string organisation, AiToolCall call, CancellationToken cancellationToken)
    {
        var family = await rolloutRequests.FamilyAsync(organisation, call.Text("imageFamily"), "imageFamily", cancellationToken);
        var version = await rolloutRequests.VersionAsync(organisation, family.Name, call.Text("version"), "version", cancellationToken);
        var findings = await images.ListFindingsAsync(organisation, version.Id, cancellationToken);
        var floor = call.Text("minSeverity") is { } min ? EnumText<Severity>.Parse(min) : Severity.Unknown;
        var kept = findings.Where(f => f.Severity >= floor).OrderByDescending(f => f.Severity).ToList();
        var counts = SeverityCounts.Of(findings);
        return AiToolOutput.Of($"{version.Id}: {kept.Count} finding(s){(floor > Severity.Unknown ? $" at {EnumText<Severity>.Of(floor)} or above" : string.Empty)}",
            new { image = version.Id, counts, findings = kept.Take(MaxItems).Select(Finding).ToList(), more = kept.Count > MaxItems });
    }

    private static object Finding(VulnerabilityFinding f) =>
        new { f.Id, f.Package, f.InstalledVersion, f.FixedVersion, Severity = EnumText<Severity>.Of(f.Severity) };
}
