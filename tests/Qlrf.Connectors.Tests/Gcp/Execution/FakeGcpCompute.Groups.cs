using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Qlrf.Connectors.Tests.Gcp.Execution;

/// <summary>
/// The fake's managed instance groups and global instance templates, as the Compute v1 reference shapes them: a zonal group
/// (<c>instanceGroupManagers.get</c>, <c>patch</c>, <c>applyUpdatesToInstances</c>, <c>listManagedInstances</c>) whose
/// instances carry its <c>created-by</c>, templates (<c>instanceTemplates.get</c> and <c>insert</c>, global operations). An
/// instance named in <c>applyUpdatesToInstances</c> is RECREATING at the next list and made again from the group's template
/// (its boot disk from the template's image) at the one after.
/// </summary>
public sealed partial class FakeGcpCompute
{
    public const string Group = "web-mig";
    public const string GroupPath = $"projects/{Project}/zones/{Zone}/instanceGroupManagers/{Group}";
    public const string Template = "web-template";
    public const string TemplatePath = $"projects/{Project}/global/instanceTemplates/{Template}";

    private readonly Dictionary<string, JsonObject> templates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> recreating = new(StringComparer.Ordinal);
    private string groupTemplate = TemplatePath;
    private string groupPolicy = "OPPORTUNISTIC";

    /// <summary>Makes <see cref="Instance"/> (and the named others) instances of group <see cref="Group"/>, whose template boots from <see cref="OldImage"/>.</summary>
    public void AddGroup(string policy = "OPPORTUNISTIC", params string[] others)
    {
        lock (gate)
        {
            groupPolicy = policy;
            templates[TemplatePath] = TemplateJson(Template, OldImage);
            foreach (var name in others.Prepend(Instance))
            {
                instances[name].CreatedBy = $"projects/{Project}/zones/{Zone}/instanceGroupManagers/{Group}";
                instances[name].Template = TemplatePath;
            }
        }
    }

    /// <summary>The template the group makes instances from (a path).</summary>
    public string GroupTemplate
    {
        get
        {
            lock (gate)
            {
                return groupTemplate;
            }
        }
    }

    /// <summary>The image a template's boot disk is made from, or null when there is no such template.</summary>
    public string? TemplateImage(string path)
    {
        lock (gate)
        {
            return templates.TryGetValue(path, out var template) ? (string?)template["properties"]!["disks"]![0]!["initializeParams"]!["sourceImage"] : null;
        }
    }

    public IReadOnlyList<string> TemplatePaths
    {
        get
        {
            lock (gate)
            {
                return templates.Keys.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    private (int, JsonNode) AnswerGlobal(string method, string local, IQueryCollection query, JsonObject? body)
    {
        calls.Add($"{method} global/{local}");
        var parts = local.Split('/');
        return (method, parts) switch
        {
            ("GET", ["operations", var op]) => Poll(op),
            ("GET", ["instanceTemplates", var name]) => templates.TryGetValue($"projects/{Project}/global/instanceTemplates/{name}", out var template) ? (200, template.DeepClone()) : NotFound(local),
            ("POST", ["instanceTemplates"]) => Operate("instanceTemplates.insert", query, () => InsertTemplate(body!), global: true),
            _ => NotFound(local),
        };
    }

    private (int, string?, string?) InsertTemplate(JsonObject body)
    {
        var path = $"projects/{Project}/global/instanceTemplates/{(string)body["name"]!}";
        if (templates.ContainsKey(path))
        {
            return (409, "ALREADY_EXISTS", $"The resource '{path}' already exists");
        }

        var image = (string?)body["properties"]?["disks"]?[0]?["initializeParams"]?["sourceImage"];
        if (image is null || !Images.ContainsKey(image))
        {
            return (404, "NOT_FOUND", $"The resource '{image}' was not found");
        }

        var template = (JsonObject)body.DeepClone();
        template["kind"] = "compute#instanceTemplate";
        template["selfLink"] = "https://compute.googleapis.com/compute/v1/" + path;
        templates[path] = template;
        return (200, null, null);
    }

    private (int, JsonNode) AnswerGroup(string method, string name, string? verb, IQueryCollection query, JsonObject? body)
    {
        if (name != Group || templates.Count == 0)
        {
            return NotFound("instanceGroupManagers/" + name);
        }

        return (method, verb) switch
        {
            ("GET", null) => (200, GroupJson()),
            ("PATCH", null) => Operate("instanceGroupManagers.patch", query, () => SetTemplate(body!)),
            ("POST", "applyUpdatesToInstances") => Operate("instanceGroupManagers.applyUpdatesToInstances", query, () => ApplyUpdates(body!)),
            ("POST", "listManagedInstances") => (200, ListManaged()),
            _ => NotFound($"instanceGroupManagers/{name}/{verb}"),
        };
    }

    private (int, string?, string?) SetTemplate(JsonObject body)
    {
        var template = Path((string)body["instanceTemplate"]!);
        if (!templates.ContainsKey(template))
        {
            return (404, "NOT_FOUND", $"The resource '{template}' was not found");
        }

        groupTemplate = template;
        return (200, null, null);
    }

    private (int, string?, string?) ApplyUpdates(JsonObject body)
    {
        foreach (var url in body["instances"]!.AsArray().Select(i => (string)i!))
        {
            var name = url[(url.LastIndexOf('/') + 1)..];
            if (!instances.TryGetValue(name, out var instance) || instance.CreatedBy is null)
            {
                return (400, "INVALID_ARGUMENT", $"Instance '{url}' is not a member of the group");
            }

            if ((string?)body["minimalAction"] != "REPLACE" && instance.Template != groupTemplate)
            {
                return (400, "INVALID_ARGUMENT", "A change of the boot image needs minimalAction REPLACE");
            }

            recreating[name] = 0;
        }

        return (200, null, null);
    }

    private JsonObject ListManaged()
    {
        var listed = new JsonArray();
        foreach (var (name, instance) in instances.Where(i => i.Value.CreatedBy is not null).OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            var action = "NONE";
            if (recreating.TryGetValue(name, out var lists))
            {
                if (lists == 0)
                {
                    recreating[name] = 1;
                    action = "RECREATING";
                    instance.Status = "STOPPING";
                }
                else
                {
                    // Made again from the group's template: a new boot disk of the instance's name from the template's image.
                    recreating.Remove(name);
                    var image = (string)templates[groupTemplate]["properties"]!["disks"]![0]!["initializeParams"]!["sourceImage"]!;
                    disks[name] = disks[name] with { SourceImage = image };
                    instance.Template = groupTemplate;
                    instance.Status = "RUNNING";
                }
            }

            listed.Add(new JsonObject
            {
                ["instance"] = $"https://compute.googleapis.com/compute/v1/projects/{Project}/zones/{Zone}/instances/{name}",
                ["instanceStatus"] = instance.Status,
                ["currentAction"] = action,
                ["version"] = new JsonObject { ["instanceTemplate"] = "https://compute.googleapis.com/compute/v1/" + instance.Template },
            });
        }

        return new JsonObject { ["managedInstances"] = listed };
    }

    private JsonObject GroupJson() => new()
    {
        ["kind"] = "compute#instanceGroupManager",
        ["name"] = Group,
        ["zone"] = $"https://compute.googleapis.com/compute/v1/projects/{Project}/zones/{Zone}",
        ["instanceTemplate"] = "https://compute.googleapis.com/compute/v1/" + groupTemplate,
        ["versions"] = new JsonArray(new JsonObject { ["instanceTemplate"] = "https://compute.googleapis.com/compute/v1/" + groupTemplate }),
        ["updatePolicy"] = new JsonObject { ["type"] = groupPolicy, ["minimalAction"] = "REPLACE" },
        ["targetSize"] = instances.Count(i => i.Value.CreatedBy is not null),
        ["selfLink"] = "https://compute.googleapis.com/compute/v1/" + GroupPath,
    };

    private static JsonObject TemplateJson(string name, string image) => new()
    {
        ["kind"] = "compute#instanceTemplate",
        ["name"] = name,
        ["selfLink"] = $"https://compute.googleapis.com/compute/v1/projects/{Project}/global/instanceTemplates/{name}",
        ["properties"] = new JsonObject
        {
            ["machineType"] = "e2-medium",
            ["disks"] = new JsonArray(new JsonObject
            {
                ["boot"] = true,
                ["autoDelete"] = true,
                ["initializeParams"] = new JsonObject { ["sourceImage"] = image, ["diskSizeGb"] = "10" },
            }),
            ["networkInterfaces"] = new JsonArray(new JsonObject { ["network"] = "global/networks/default" }),
            ["labels"] = new JsonObject { ["team"] = "web" },
        },
    };

    private static string Path(string url) => url.IndexOf("projects/", StringComparison.Ordinal) is var at and >= 0 ? url[at..] : url;
}
