using System.CommandLine;
using System.Text.Json;
using Qlrf.Cli.Output;
using Spectre.Console;

namespace Qlrf.Cli.Commands;

/// <summary><c>qlrf drift summary|heatmap|trends|export</c>.</summary>
internal static class DriftCommands
{
    private static readonly string[] GroupFields = ["site", "environment", "platform", "family"];

    private static readonly Column[] SummaryColumns =
    [
        new("coverage", e => Percent(e.At("coveragePercent"))), "rag", "total", "compliant", "outdated", "ahead", "unknown", "maxDaysBehind",
    ];

    public static Command Drift(CliEnvironment environment)
    {
        var summary = new Command("summary", "Drift of the organisation and each environment, platform and site, with RAG.").Runs(environment, async (context, cancellationToken) =>
        {
            var report = await context.Api.GetAsync("api/v1/drift", cancellationToken);
            context.Out.Write(report, (o, r) =>
            {
                o.Heading("Organisation");
                o.Table([r.At("organisation")], SummaryColumns);
                foreach (var (title, path, key) in new[] { ("Environments", "environments", "environment"), ("Platforms", "platforms", "platform"), ("Sites", "sites", "site") })
                {
                    o.Heading(title);
                    o.Table(r.Items(path), [key, .. SummaryColumns]);
                }
            });
            return ExitCodes.Ok;
        });

        var heatmap = new Command("heatmap", "The site × environment coverage matrix, coloured red, amber, green.").Runs(environment, async (context, cancellationToken) =>
        {
            var map = await context.Api.GetAsync("api/v1/drift/heatmap", cancellationToken);
            context.Out.Write(map, (o, m) => Heatmap(o, m));
            return ExitCodes.Ok;
        });

        var from = Args.Text("--from", "From this date or time (ISO 8601; default 30 days before --to).");
        var to = Args.Text("--to", "To this date or time (ISO 8601; default now).");
        var groupBy = Args.Text("--group-by", "organisation (default), environment, platform, site, site_environment or family.");
        var trends = new Command("trends", "Coverage over time per group, with week-over-week change.").With(from, to, groupBy).Runs(environment, async (context, cancellationToken) =>
        {
            var query = Args.Query(("from", context.Value(from)), ("to", context.Value(to)), ("groupBy", context.Value(groupBy)));
            var result = await context.Api.GetAsync("api/v1/drift/trends" + query, cancellationToken);
            context.Out.Write(result, (o, r) =>
            {
                foreach (var series in r.Items("series"))
                {
                    var name = string.Join(" / ", GroupFields.Select(name => series.Text(name)).Where(t => t.Length > 0));
                    o.Heading((name.Length == 0 ? "organisation" : name) + $"  (week over week: {series.Text("weekOverWeek.coverageChange")})");
                    o.Table(series.Items("points"), "at", new Column("coverage", e => Percent(e.At("coveragePercent"))), "rag", "total", "outdated", "maxDaysBehind");
                }
            });
            return ExitCodes.Ok;
        });

        var csv = new Option<bool>("--csv") { Description = "As CSV (the export's format; required)." };
        var file = Args.Text("--file", "Write to this file instead of standard output.");
        var site = Args.Text("--site", "Only this site.");
        var env = Args.Text("--environment", "Only this environment.");
        var export = new Command("export", "Every outdated asset as CSV, longest behind first.").With(csv, file, site, env).Runs(environment, async (context, cancellationToken) =>
        {
            if (!context.Value(csv))
            {
                throw new CliException(ExitCodes.Usage, "`drift export` writes CSV: give --csv.");
            }

            var query = Args.Query(("site", context.Value(site)), ("environment", context.Value(env)));
            var text = await context.Api.GetTextAsync("api/v1/drift/outdated/export" + query, "text/csv", cancellationToken);
            if (context.Value(file) is { } path)
            {
                await File.WriteAllTextAsync(path, text, cancellationToken);
                context.Out.Note($"Wrote {text.Count(c => c == '\n')} lines to {path}.");
            }
            else
            {
                await context.Out.Writer.WriteAsync(text);
            }

            return ExitCodes.Ok;
        });
        return new Command("drift", "Drift from the golden images: coverage, heatmap, trends, export.").With(summary, heatmap, trends, export);
    }

    private static void Heatmap(CliOutput o, JsonElement map)
    {
        var environments = map.Items("environments").Select(Json.Text).ToList();
        var table = new Table().Border(o.Interactive ? TableBorder.Rounded : TableBorder.Simple).AddColumn("SITE");
        foreach (var environment in environments)
        {
            table.AddColumn(new TableColumn(Markup.Escape(environment.ToUpperInvariant())).Centered());
        }

        foreach (var row in map.Items("rows"))
        {
            var cells = new List<string> { Markup.Escape(row.Text("site")) };
            cells.AddRange(row.Items("cells").Select(cell => Cell(o, cell)));
            table.AddRow(cells.ToArray());
        }

        o.Console.Write(table);
        o.Line(Json.Invariant($"Red below {map.Number("thresholds.redBelow")}%, amber below {map.Number("thresholds.amberBelow")}%, green at or above."));
    }

    private static string Cell(CliOutput o, JsonElement cell)
    {
        if (cell.ValueKind != JsonValueKind.Object)
        {
            return "-";
        }

        var rag = cell.Text("rag");
        var text = Markup.Escape($"{Percent(cell.At("coveragePercent"))} of {cell.Text("total")}");
        if (!o.Interactive)
        {
            return $"{rag.ToUpperInvariant()} {text}";
        }

        var colour = rag switch { "green" => "green", "amber" => "yellow", "red" => "red", _ => "grey" };
        return $"[black on {colour}] {text} [/]";
    }

    private static string Percent(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? Json.Invariant($"{value.GetDouble():0.#}%") : "-";
}
