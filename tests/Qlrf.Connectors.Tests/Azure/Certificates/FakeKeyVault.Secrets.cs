using System.Text.Json.Nodes;

namespace Qlrf.Connectors.Tests.Azure.Certificates;

/// <summary>
/// The vault's secrets REST API: list (<c>GET /secrets</c>), versions (<c>GET /secrets/{name}/versions</c>) and get
/// (<c>GET /secrets/{name}[/{version}]</c>), which answers the value and counts it in <see cref="ValueReads"/>, so a test
/// can prove that nothing asked for one.
/// </summary>
public sealed partial class FakeKeyVault
{
    private readonly Dictionary<string, List<SecretVersion>> secrets = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Requests for a secret's value.</summary>
    public int ValueReads { get; private set; }

    /// <summary>Adds a secret version (the newest created is current); <paramref name="managed"/> marks a certificate's backing secret.</summary>
    public void AddSecret(string name, string version, string value, DateTimeOffset created, DateTimeOffset? expires = null, bool enabled = true, string? contentType = null, IReadOnlyDictionary<string, string>? tags = null, bool managed = false)
    {
        lock (gate)
        {
            if (!secrets.TryGetValue(name, out var versions))
            {
                secrets[name] = versions = [];
            }

            versions.Add(new SecretVersion(version, value, created, expires, enabled, contentType, tags ?? new Dictionary<string, string>(), managed));
        }
    }

    private (int Status, JsonNode Body, string? Location) AnswerSecrets(string method, string[] segments)
    {
        if (method != "GET")
        {
            return (405, Error("MethodNotAllowed", method), null);
        }

        if (segments.Length == 1)
        {
            var items = secrets.Select(s => SecretItem(s.Key, s.Value.MaxBy(v => v.Created)!, withVersion: false));
            return (200, new JsonObject { ["value"] = new JsonArray([.. items]), ["nextLink"] = null }, null);
        }

        if (!secrets.TryGetValue(segments[1], out var versions))
        {
            return (404, Error("SecretNotFound", $"A secret with (name/id) {segments[1]} was not found in this key vault."), null);
        }

        if (segments.Length == 3 && segments[2] == "versions")
        {
            return (200, new JsonObject { ["value"] = new JsonArray([.. versions.Select(v => SecretItem(segments[1], v, withVersion: true))]), ["nextLink"] = null }, null);
        }

        ValueReads++;
        var version = segments.Length == 2 ? versions.MaxBy(v => v.Created)! : versions.FirstOrDefault(v => v.Id == segments[2]);
        if (version is null)
        {
            return (404, Error("SecretNotFound", "no such version"), null);
        }

        var bundle = SecretItem(segments[1], version, withVersion: true);
        bundle["value"] = version.Value;
        return (200, bundle, null);
    }

    private JsonObject SecretItem(string name, SecretVersion version, bool withVersion)
    {
        var item = new JsonObject
        {
            ["id"] = withVersion ? $"{BaseUrl}/secrets/{name}/{version.Id}" : $"{BaseUrl}/secrets/{name}",
            ["attributes"] = new JsonObject
            {
                ["enabled"] = version.Enabled,
                ["created"] = version.Created.ToUnixTimeSeconds(),
                ["updated"] = version.Created.ToUnixTimeSeconds(),
                ["exp"] = version.Expires?.ToUnixTimeSeconds(),
                ["recoveryLevel"] = "Recoverable+Purgeable",
            },
            ["tags"] = Tags(version.Tags),
        };
        if (version.ContentType is not null)
        {
            item["contentType"] = version.ContentType;
        }

        if (version.Managed)
        {
            item["managed"] = true;
        }

        return item;
    }

    private sealed record SecretVersion(string Id, string Value, DateTimeOffset Created, DateTimeOffset? Expires, bool Enabled, string? ContentType, IReadOnlyDictionary<string, string> Tags, bool Managed);
}
