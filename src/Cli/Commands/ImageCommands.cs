using System.CommandLine;
using System.Text.Json;
using Qlrf.Cli.Output;
using Spectre.Console;

namespace Qlrf.Cli.Commands;

/// <summary><c>qlrf images list|show|promote|rollback|lineage|vulns|import</c>.</summary>
internal static class ImageCommands
{
    private static readonly string[] ScannerFormats = ["trivy", "grype"];
    private static readonly string[] SbomFormats = ["spdx", "cyclonedx"];

    public static Command Images(CliEnvironment environment)
    {
        var list = new Command("list", "Lists the golden-image families with their production versions.").Runs(environment, async (context, cancellationToken) =>
        {
            var families = await context.Api.GetAsync("api/v1/images/families", cancellationToken);
            context.Out.Write(families, (o, f) => o.Table(f.Items(), "name", "os", "owner", "versions", "production"));
            return ExitCodes.Ok;
        });

        var target = Args.Id("image", "A family (ubuntu-2204-base) or a version (ubuntu-2204-base@2026.10.1).");
        var show = new Command("show", "Shows a family with its versions, or a version with its releases, transitions and evidence.").With(target).Runs(environment, async (context, cancellationToken) =>
        {
            var id = context.Value(target);
            if (!id.Contains('@', StringComparison.Ordinal))
            {
                var family = await context.Api.GetAsync("api/v1/images/families/" + Args.Segment(id), cancellationToken);
                context.Out.Write(family, (o, f) =>
                {
                    o.Fields(f.At("family"), "name", "os", "owner", "description", "production", "versions");
                    o.Table(f.Items("versions"), "id", "createdAt", new Column("releases", Releases));
                });
                return ExitCodes.Ok;
            }

            var version = await context.Api.GetAsync("api/v1/images/" + Args.Segment(id), cancellationToken);
            context.Out.Write(version, (o, v) =>
            {
                o.Fields(v.At("version"), "id", "description", "createdAt", "createdBy", new Column("releases", Releases));
                o.Fields(v, new Column("vulnerabilities", e => e.Text("counts.vulnerabilities")), new Column("sbom", e => e.Text("sbom")));
                o.Heading("Transitions");
                o.Table(v.Items("transitions"), "at", "platform", "from", "to", "reason", "by");
            });
            return ExitCodes.Ok;
        });

        var lineageId = Args.Id("version", "The version (family@version).");
        var lineage = new Command("lineage", "A version's ancestors and descendants, nearest first.").With(lineageId).Runs(environment, async (context, cancellationToken) =>
        {
            var result = await context.Api.GetAsync($"api/v1/images/{Args.Segment(context.Value(lineageId))}/lineage", cancellationToken);
            context.Out.Write(result, (o, r) =>
            {
                o.Heading("Ancestors");
                o.Table(r.Items("ancestors"), "depth", "id", "relation", "via");
                o.Heading("Descendants");
                o.Table(r.Items("descendants"), "depth", "id", "relation", "via");
            });
            return ExitCodes.Ok;
        });

        var vulnsId = Args.Id("version", "The version (family@version).");
        var vulns = new Command("vulns", "A version's vulnerabilities: counts by severity, scans, findings.").With(vulnsId).Runs(environment, async (context, cancellationToken) =>
        {
            var result = await context.Api.GetAsync($"api/v1/images/{Args.Segment(context.Value(vulnsId))}/vulnerabilities", cancellationToken);
            context.Out.Write(result, (o, r) =>
            {
                o.Fields(r, new Column("vulnerabilities", e => e.Text("counts.vulnerabilities")), new Column("findings", e => e.Text("counts.findings")));
                o.Table(r.Items("findings"), "vulnerabilityId", "severity", "package", "installedVersion", "fixedVersion");
            });
            return ExitCodes.Ok;
        });

        return new Command("images", "Golden images: families, versions, lifecycle, lineage and evidence.")
            .With(list, show, Transition(environment, promote: true), Transition(environment, promote: false), lineage, vulns, Import(environment));
    }

    private static Command Transition(CliEnvironment environment, bool promote)
    {
        var id = Args.Id("version", "The version (family@version).");
        var to = new Option<string>("--to")
        {
            Description = promote ? "The next lifecycle status: testing, staging or production (one step at a time)." : "An earlier status to move back to: draft, testing or staging.",
            Required = true,
        };
        var reason = new Option<string>("--reason") { Description = "Why (recorded with the transition).", Required = true };
        var platforms = Args.Many("--platform", "Only this platform's release");
        var command = new Command(promote ? "promote" : "rollback", promote ? "Promotes a version to its next lifecycle status." : "Moves a version back to an earlier lifecycle status.")
            .With(id, to, reason, platforms);
        return command.Runs(environment, async (context, cancellationToken) =>
        {
            var selected = context.Value(platforms);
            var body = new { status = context.Value(to), reason = context.Value(reason), platforms = selected is { Length: > 0 } ? selected : null, rollback = !promote };
            var result = await context.Api.PostAsync($"api/v1/images/{Args.Segment(context.Value(id))}/transitions", body, cancellationToken);
            context.Out.Write(result, (o, r) =>
            {
                o.Fields(r.At("version"), "id", new Column("releases", Releases));
                o.Table(r.Items("transitions"), "platform", "from", "to", "reason");
            });
            return ExitCodes.Ok;
        });
    }

    private static Command Import(CliEnvironment environment)
    {
        var file = new Argument<FileInfo>("file") { Description = "The scanner report or SBOM (JSON)." };
        var image = new Option<string>("--image") { Description = "The version it belongs to (family@version).", Required = true };
        var format = new Option<string>("--format") { Description = "trivy, grype (scanner reports), spdx or cyclonedx (SBOMs).", Required = true };
        format.AcceptOnlyFromAmong([.. ScannerFormats, .. SbomFormats]);
        return new Command("import", "Imports a scanner report (trivy, grype) or an SBOM (spdx, cyclonedx) into a version, with upload progress on a terminal.")
            .With(file, image, format)
            .Runs(environment, async (context, cancellationToken) =>
            {
                var source = context.Value(file);
                if (!source.Exists)
                {
                    throw new CliException(ExitCodes.Usage, $"There is no file {source.FullName}.");
                }

                var kind = context.Value(format);
                var route = ScannerFormats.Contains(kind) ? "vulnerabilities" : "sbom";
                var path = $"api/v1/images/{Args.Segment(context.Value(image))}/{route}?format={kind}";
                await using var stream = source.OpenRead();
                JsonElement result = default;
                if (context.Interactive && context.Out.Format == OutputFormat.Table)
                {
                    await context.Out.Console.Progress().StartAsync(async progress =>
                    {
                        var task = progress.AddTask($"Uploading {Markup.Escape(source.Name)}", maxValue: Math.Max(1, source.Length));
                        result = await context.Api.UploadAsync(path, stream, "application/json", new Progress<long>(sent => task.Value = sent), cancellationToken);
                        task.Value = task.MaxValue;
                    });
                }
                else
                {
                    result = await context.Api.UploadAsync(path, stream, "application/json", null, cancellationToken);
                }

                context.Out.Write(result, (o, r) => o.Line($"Imported {source.Name} ({kind}) into {context.Value(image)}: {Summary(r)}"));
                return ExitCodes.Ok;
            });
    }

    private static string Summary(JsonElement result) =>
        result.At("counts").ValueKind == JsonValueKind.Object ? "vulnerabilities " + result.Text("counts.vulnerabilities")
        : result.At("sbom").ValueKind == JsonValueKind.Object ? result.Text("sbom")
        : result.ValueKind == JsonValueKind.Object ? string.Join(", ", result.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String).Select(p => $"{p.Name} {Json.Text(p.Value)}"))
        : "done";

    private static string Releases(JsonElement version) =>
        string.Join(", ", version.Items("releases").Select(r => $"{r.Text("platform")}:{r.Text("status")}"));
}
