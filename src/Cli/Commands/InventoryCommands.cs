using System.CommandLine;
using System.Text.Json;
using Qlrf.Cli.Output;

namespace Qlrf.Cli.Commands;

/// <summary><c>qlrf assets list|show</c>, <c>qlrf sites</c> and <c>qlrf sweep</c>.</summary>
internal static class InventoryCommands
{
    public static Command Assets(CliEnvironment environment)
    {
        var platform = Args.Text("--platform", "Only this platform (aws, azure, gcp, vsphere, kubernetes, sandbox...).");
        var site = Args.Text("--site", "Only this site.");
        var env = Args.Text("--environment", "Only this environment (prod, staging, dev...).");
        var family = Args.Text("--image-family", "Only assets of this image family.");
        var state = Args.Text("--state", "Only assets in this state.");
        var tags = Args.Many("--tag", "Only assets with this tag, key:value");
        var limit = new Option<int?>("--limit") { Description = "At most this many assets (one page); all pages when left out." };
        var list = new Command("list", "Lists assets, filtered.").With(platform, site, env, family, state, tags, limit).Runs(environment, async (context, cancellationToken) =>
        {
            var query = Args.Query(("platform", context.Value(platform)), ("site", context.Value(site)), ("environment", context.Value(env)),
                ("imageFamily", context.Value(family)), ("state", context.Value(state)));
            foreach (var tag in context.Value(tags) ?? [])
            {
                query += (query.Length == 0 ? "?" : "&") + "tag=" + Uri.EscapeDataString(tag);
            }

            var items = await Pages.ReadAsync(context.Api, "api/v1/assets" + query, context.Value(limit), cancellationToken);
            context.Out.Write(items, (o, a) => o.Table(a.Items(), "id", "name", "platform", "site", "environment", new Column("image", Image), "state", "health"));
            return ExitCodes.Ok;
        });

        var id = Args.Id("id", "The asset's id.");
        var show = new Command("show", "Shows an asset with its change history.").With(id).Runs(environment, async (context, cancellationToken) =>
        {
            var detail = await context.Api.GetAsync("api/v1/assets/" + Args.Segment(context.Value(id)), cancellationToken);
            context.Out.Write(detail, (o, d) =>
            {
                var asset = d.At("asset");
                o.Fields(asset, "id", "name", "platform", "site", "environment", new Column("image", Image), "state", "health", "source", "tags", "lastChangedAt");
                o.Heading("History");
                o.Table(d.Items("history").Take(20), "version", "kind", "changedFields", "detectedAt");
            });
            return ExitCodes.Ok;
        });
        return new Command("assets", "The inventory's assets.").With(list, show);
    }

    private static string Image(JsonElement asset) =>
        asset.At("image").ValueKind == JsonValueKind.Object ? $"{asset.Text("image.family")}@{asset.Text("image.version")}" : "-";

    public static Command Sites(CliEnvironment environment) =>
        new Command("sites", "Lists the organisation's sites.").Runs(environment, async (context, cancellationToken) =>
        {
            var sites = await context.Api.GetAsync("api/v1/sites", cancellationToken);
            context.Out.Write(sites, (o, s) => o.Table(s.Items(), "name", "platform", "region", "kind"));
            return ExitCodes.Ok;
        });

    public static Command Sweep(CliEnvironment environment)
    {
        var source = Args.Text("--source", "The source to sweep (may be left out when the organisation has one).");
        var wait = new Option<bool>("--wait") { Description = "Wait for the sweep to finish; the exit code is then its outcome." };
        var timeout = Args.Timeout("the sweep");
        return new Command("sweep", "Starts a discovery sweep now.").With(source, wait, timeout).Runs(environment, async (context, cancellationToken) =>
        {
            var run = await context.Api.PostAsync("api/v1/discovery/sweeps", new { source = context.Value(source) }, cancellationToken);
            if (context.Value(wait))
            {
                var id = run.Text("id");
                run = await Waiting.UntilAsync(context, $"sweep {id}", context.Value(timeout), () => context.Api.GetAsync("api/v1/discovery/runs/" + Args.Segment(id), cancellationToken),
                    r => r.Text("status") != "running", r => context.Out.Note($"sweep {id}: {r.Text("status")}"), cancellationToken);
            }

            context.Out.Write(run, (o, r) => o.Fields(r, "id", "source", "trigger", "status", "startedAt", "finishedAt"));
            return !context.Value(wait) || run.Text("status") == "succeeded" ? ExitCodes.Ok : ExitCodes.Failed;
        });
    }
}

/// <summary>Reads a paged listing, following <c>nextCursor</c>, into one JSON array.</summary>
internal static class Pages
{
    public static async Task<JsonElement> ReadAsync(Api.ApiClient api, string path, int? limit, CancellationToken cancellationToken)
    {
        var all = new List<JsonElement>();
        string? cursor = null;
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        do
        {
            var page = await api.GetAsync(path + separator + "limit=" + Math.Min(limit ?? 500, 500) + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)), cancellationToken);
            all.AddRange(page.Items().Select(e => e.Clone()));
            cursor = page.At("nextCursor").ValueKind == JsonValueKind.String ? page.Text("nextCursor") : null;
        }
        while (cursor is not null && (limit is null || all.Count < limit));
        return JsonSerializer.SerializeToElement(limit is null ? all : all.Take(limit.Value).ToList());
    }
}
