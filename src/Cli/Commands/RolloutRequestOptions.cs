using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qlrf.Cli.Commands;

/// <summary>The options that describe a rollout, for <c>rollout plan</c> and <c>rollout start</c>: a request file, or target, scope and strategy options.</summary>
internal sealed class RolloutRequestOptions
{
    private readonly Option<FileInfo?> file = new("--file", "-f") { Description = "The request as JSON (the body of POST /api/v1/rollouts); other options override its parts." };
    private readonly Option<string?> target = new("--target") { Description = "The image version to roll out: family@version." };
    private readonly Option<string?> patchSet = new("--patch-set") { Description = "A patch set of the catalogue instead of an image version." };
    private readonly Option<string[]> assets = Args.Many("--asset", "An asset id (explicit scope)");
    private readonly Option<string[]> environments = Args.Many("--environment", "Only this environment");
    private readonly Option<string[]> sites = Args.Many("--site", "Only this site");
    private readonly Option<string[]> platforms = Args.Many("--platform", "Only this platform");
    private readonly Option<string[]> tags = Args.Many("--tag", "Only assets with this tag, key=value");
    private readonly Option<int?> canaryCount = new("--canary-count") { Description = "Assets in the canary (0: none)." };
    private readonly Option<double?> canaryPercent = new("--canary-percent") { Description = "The canary as a percentage of the scope." };
    private readonly Option<string?> waves = new("--waves") { Description = "Cumulative wave sizes in percent, e.g. 25,50,100." };
    private readonly Option<int?> batchSize = new("--batch-size") { Description = "Assets changed at once (default: the risk's recommendation)." };
    private readonly Option<string?> waitBetweenWaves = new("--wait-between-waves") { Description = "Pause between waves, e.g. 00:15:00 (default: the risk's recommendation)." };
    private readonly Option<string?> autonomy = new("--autonomy") { Description = "approve_all (default), approve_prod or auto." };

    public IEnumerable<Option> All => [file, target, patchSet, assets, environments, sites, platforms, tags, canaryCount, canaryPercent, waves, batchSize, waitBetweenWaves, autonomy];

    /// <summary>The request body: the file's (if any), with each given option put in its place.</summary>
    public JsonObject Body(CliContext context)
    {
        var body = context.Value(file) is { } source
            ? JsonNode.Parse(File.Exists(source.FullName) ? File.ReadAllText(source.FullName) : throw new CliException(ExitCodes.Usage, $"There is no file {source.FullName}.")) as JsonObject
                ?? throw new CliException(ExitCodes.Usage, $"{source.Name} does not hold a JSON object.")
            : [];
        if (context.Value(target) is { } version)
        {
            var at = version.IndexOf('@', StringComparison.Ordinal);
            if (at <= 0 || at == version.Length - 1)
            {
                throw new CliException(ExitCodes.Usage, $"--target '{version}' is not family@version.");
            }

            body["target"] = new JsonObject { ["imageFamily"] = version[..at], ["imageVersion"] = version[(at + 1)..] };
        }
        else if (context.Value(patchSet) is { } set)
        {
            body["target"] = new JsonObject { ["patchSet"] = set };
        }

        if (body["target"] is null)
        {
            throw new CliException(ExitCodes.Usage, "Say what to roll out: --target family@version, --patch-set ID, or --file with a target.");
        }

        var scope = Section(body, "scope");
        Put(scope, "assetIds", context.Value(assets));
        Put(scope, "environments", context.Value(environments));
        Put(scope, "sites", context.Value(sites));
        Put(scope, "platforms", context.Value(platforms));
        if (context.Value(tags) is { Length: > 0 } pairs)
        {
            var tagObject = new JsonObject();
            foreach (var pair in pairs)
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new CliException(ExitCodes.Usage, $"--tag '{pair}' is not key=value.");
                }

                tagObject[pair[..eq]] = pair[(eq + 1)..];
            }

            scope["tags"] = tagObject;
        }

        var strategy = Section(body, "strategy");
        Put(strategy, "canaryCount", context.Value(canaryCount));
        Put(strategy, "canaryPercent", context.Value(canaryPercent));
        if (context.Value(waves) is { } list)
        {
            strategy["waves"] = new JsonArray(list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(w => (JsonNode)(int.TryParse(w, NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : throw new CliException(ExitCodes.Usage, $"--waves '{list}' is not a list of whole percentages.")))
                .ToArray());
        }

        Put(strategy, "batchSize", context.Value(batchSize));
        Put(strategy, "waitBetweenWaves", context.Value(waitBetweenWaves));
        if (context.Value(autonomy) is { } level)
        {
            body["autonomy"] = level;
        }

        if (scope.Count == 0)
        {
            body.Remove("scope");
        }

        if (strategy.Count == 0)
        {
            body.Remove("strategy");
        }

        return body;
    }

    private static JsonObject Section(JsonObject body, string name)
    {
        if (body[name] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        body[name] = created;
        return created;
    }

    private static void Put<T>(JsonObject section, string name, T? value)
    {
        switch (value)
        {
            case null:
            case string[] { Length: 0 }:
                return;
            default:
                section[name] = JsonSerializer.SerializeToNode(value, CliJson.Options);
                return;
        }
    }
}
