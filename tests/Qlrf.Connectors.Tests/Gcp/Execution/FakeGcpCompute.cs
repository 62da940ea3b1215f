using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Tests.Gcp.Execution;

/// <summary>
/// A stateful loopback Compute Engine API (v1 REST, JSON as the reference shows it): instances with their attached disks and
/// status, zonal disks, images, and zonal operations that answer PENDING, then RUNNING, then DONE as they are polled. The
/// instance methods check what Compute checks (a boot disk is detached or attached only while the instance is stopped, a
/// disk name is unique), a repeated <c>requestId</c> gets the first operation back, and every call is recorded.
/// It starts with instance <see cref="Instance"/> running from <see cref="OldImage"/> on boot disk <see cref="Instance"/>.
/// Discovery reads the same state: the project's instances and disks through aggregatedList (one page), and images by path.
/// </summary>
public sealed partial class FakeGcpCompute : IAsyncDisposable
{
    public const string Project = "acme-prod";
    public const string Zone = "europe-west1-b";
    public const string Instance = "web-1";
    public const string AssetId = $"//compute.googleapis.com/projects/{Project}/zones/{Zone}/instances/{Instance}";
    public const string OldImage = "projects/acme-images/global/images/ubuntu-2204-base-v20261020";
    public const string NewImage = "projects/acme-images/global/images/ubuntu-2204-base-v20261103";
    private const string Base = "/compute/v1/";
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly Dictionary<string, FakeInstance> instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeDisk> disks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeOperation> operations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Code, string Message)> failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> rejections = new(StringComparer.Ordinal);
    private readonly List<string> calls = [];

    private FakeGcpCompute(WebApplication app)
    {
        this.app = app;
        disks[Instance] = new FakeDisk(Instance, OldImage, "10", $"projects/{Project}/zones/{Zone}/diskTypes/pd-balanced");
        instances[Instance] = new FakeInstance { Status = "RUNNING" };
        instances[Instance].Disks.Add(new FakeAttached("persistent-disk-0", Instance, Boot: true));
    }

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The images Compute knows, by path: their size in GB and labels.</summary>
    public Dictionary<string, (string SizeGb, Dictionary<string, string> Labels)> Images { get; } = new(StringComparer.Ordinal)
    {
        [OldImage] = ("10", new() { ["qlrf-image-family"] = "ubuntu-2204-base", ["qlrf-image-version"] = "1.4.0" }),
        [NewImage] = ("10", new() { ["qlrf-image-family"] = "ubuntu-2204-base", ["qlrf-image-version"] = "1.5.0" }),
    };

    /// <summary>Every call as "METHOD path-after-the-zone" (<c>POST instances/web-1/stop</c>), without query and polls.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (gate)
            {
                return calls.Where(c => !c.StartsWith("GET operations/", StringComparison.Ordinal) && !c.StartsWith("GET global/operations/", StringComparison.Ordinal)).ToList();
            }
        }
    }

    public string Status(string instance = Instance)
    {
        lock (gate)
        {
            return instances[instance].Status;
        }
    }

    public void SetStatus(string status, string instance = Instance)
    {
        lock (gate)
        {
            instances[instance].Status = status;
        }
    }

    /// <summary>The disks attached to the instance: (device name, disk name, boot).</summary>
    public IReadOnlyList<(string DeviceName, string Disk, bool Boot)> Attached(string instance = Instance)
    {
        lock (gate)
        {
            return instances[instance].Disks.Select(d => (d.DeviceName, d.Disk, d.Boot)).ToList();
        }
    }

    public string? SourceImageOf(string disk)
    {
        lock (gate)
        {
            return disks.TryGetValue(disk, out var d) ? d.SourceImage : null;
        }
    }

    public IReadOnlyList<string> DiskNames
    {
        get
        {
            lock (gate)
            {
                return disks.Keys.Order(StringComparer.Ordinal).ToList();
            }
        }
    }

    /// <summary>Adds a running instance booting from a disk of its own name made from <paramref name="image"/> (a path in <see cref="Images"/>).</summary>
    public void AddInstance(string name, string image, params (string Key, string Value)[] labels)
    {
        lock (gate)
        {
            disks[name] = new FakeDisk(name, image, Images[image].SizeGb, $"projects/{Project}/zones/{Zone}/diskTypes/pd-balanced");
            var instance = new FakeInstance { Status = "RUNNING" };
            instance.Disks.Add(new FakeAttached("persistent-disk-0", name, Boot: true));
            foreach (var (key, value) in labels)
            {
                instance.Labels[key] = value;
            }

            instances[name] = instance;
        }
    }

    /// <summary>The image the instance's boot disk was made from (a path), or null without a boot disk.</summary>
    public string? BootImageOf(string instance)
    {
        lock (gate)
        {
            return instances[instance].Disks.FirstOrDefault(d => d.Boot) is { } boot ? disks[boot.Disk].SourceImage : null;
        }
    }

    /// <summary>Marks the instance as made by a managed instance group (metadata <c>created-by</c>).</summary>
    public void InGroup(string manager)
    {
        lock (gate)
        {
            instances[Instance].CreatedBy = manager;
        }
    }

    /// <summary>The next operation of the call (<c>instances.stop</c>, <c>disks.insert</c>, ...) ends DONE with this error and no effect.</summary>
    public void FailOperation(string call, string code, string message)
    {
        lock (gate)
        {
            failures[call] = (code, message);
        }
    }

    /// <summary>The next request of the call is answered HTTP 400 without effect: the activity stops there, as if it had crashed.</summary>
    public void RejectOnce(string call)
    {
        lock (gate)
        {
            rejections.Add(call);
        }
    }

    public static async Task<FakeGcpCompute> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var compute = new FakeGcpCompute(app);
        app.Run(compute.HandleAsync);
        await app.StartAsync();
        compute.BaseUrl = app.Urls.First().TrimEnd('/');
        return compute;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        if (context.Request.Headers.Authorization != "Bearer " + GcpFixture.Token)
        {
            await WriteAsync(context, 401, Error(401, "UNAUTHENTICATED", "no token"));
            return;
        }

        var text = await new StreamReader(context.Request.Body).ReadToEndAsync();
        var body = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
        var (status, answer) = Answer(context.Request.Method, path[Base.Length..], context.Request.Query, body);
        await WriteAsync(context, status, answer);
    }

    private (int Status, JsonNode Answer) Answer(string method, string path, IQueryCollection query, JsonObject? body)
    {
        lock (gate)
        {
            var zonePrefix = $"projects/{Project}/zones/{Zone}/";
            if (method == "GET" && path.StartsWith("projects/", StringComparison.Ordinal) && path.Contains("/global/images/", StringComparison.Ordinal))
            {
                calls.Add("GET images/" + path[(path.LastIndexOf('/') + 1)..]);
                return Images.TryGetValue(path, out var image)
                    ? (200, new JsonObject { ["kind"] = "compute#image", ["name"] = path[(path.LastIndexOf('/') + 1)..], ["selfLink"] = "https://compute.googleapis.com/compute/v1/" + path, ["diskSizeGb"] = image.SizeGb, ["labels"] = Labels(image.Labels), ["status"] = "READY" })
                    : (404, Error(404, "NOT_FOUND", $"The resource '{path}' was not found"));
            }

            if (method == "GET" && path == $"projects/{Project}/aggregated/instances")
            {
                calls.Add("GET aggregated/instances");
                return (200, Aggregated("instances", instances.Select(i => (JsonNode)InstanceJson(i.Key, i.Value))));
            }

            if (method == "GET" && path == $"projects/{Project}/aggregated/disks")
            {
                calls.Add("GET aggregated/disks");
                return (200, Aggregated("disks", disks.Values.Select(d => (JsonNode)DiskJson(d))));
            }

            if (path.StartsWith($"projects/{Project}/global/", StringComparison.Ordinal))
            {
                return AnswerGlobal(method, path[$"projects/{Project}/global/".Length..], query, body);
            }

            if (!path.StartsWith(zonePrefix, StringComparison.Ordinal))
            {
                return (404, Error(404, "NOT_FOUND", $"The resource '{path}' was not found"));
            }

            var local = path[zonePrefix.Length..];
            calls.Add($"{method} {local}");
            var parts = local.Split('/');
            return (method, parts) switch
            {
                ("GET", ["operations", var op]) => Poll(op),
                ("GET", ["instances", var name]) => instances.TryGetValue(name, out var instance) ? (200, InstanceJson(name, instance)) : NotFound(local),
                ("GET", ["disks", var name]) => disks.TryGetValue(name, out var disk) ? (200, DiskJson(disk)) : NotFound(local),
                ("POST", ["disks"]) => Operate("disks.insert", query, () => InsertDisk(body!)),
                ("POST", ["instances", var name, var verb]) when instances.TryGetValue(name, out var instance) =>
                    Operate("instances." + verb, query, () => Act(instance, verb, query, body)),
                (_, ["instanceGroupManagers", var name, ..]) => AnswerGroup(method, name, parts.Length > 2 ? parts[2] : null, query, body),
                _ => NotFound(local),
            };
        }
    }

    private (int, JsonNode) Operate(string call, IQueryCollection query, Func<(int Status, string? Code, string? Message)> effect, bool global = false)
    {
        var requestId = query["requestId"].ToString();
        if (requestId.Length > 0 && requests.TryGetValue(requestId, out var earlier))
        {
            return (200, OperationJson(earlier, operations[earlier]));
        }

        if (rejections.Remove(call))
        {
            return (400, Error(400, "INVALID_ARGUMENT", $"{call} rejected by the test"));
        }

        var name = $"operation-{operations.Count + 1}-{call.Replace('.', '-')}";
        var operation = new FakeOperation(call) { Global = global };
        if (failures.Remove(call, out var failure))
        {
            operation.Error = failure;
        }
        else
        {
            var (status, code, message) = effect();
            if (status != 200)
            {
                return (status, Error(status, code!, message!));
            }
        }

        operations[name] = operation;
        if (requestId.Length > 0)
        {
            requests[requestId] = name;
        }

        return (200, OperationJson(name, operation));
    }

    private (int, string?, string?) InsertDisk(JsonObject body)
    {
        var name = (string)body["name"]!;
        if (disks.ContainsKey(name))
        {
            return (409, "ALREADY_EXISTS", $"The resource 'projects/{Project}/zones/{Zone}/disks/{name}' already exists");
        }

        var image = (string)body["sourceImage"]!;
        if (!Images.TryGetValue(image, out var known))
        {
            return (404, "NOT_FOUND", $"The resource '{image}' was not found");
        }

        disks[name] = new FakeDisk(name, image, (string?)body["sizeGb"] ?? known.SizeGb, (string?)body["type"] ?? "pd-standard");
        return (200, null, null);
    }

    private (int, string?, string?) Act(FakeInstance instance, string verb, IQueryCollection query, JsonObject? body)
    {
        var stopped = instance.Status is "TERMINATED" or "STOPPED";
        switch (verb)
        {
            case "stop":
                instance.Status = "TERMINATED";
                return (200, null, null);
            case "start":
                if (!instance.Disks.Any(d => d.Boot))
                {
                    return (400, "FAILED_PRECONDITION", "The instance has no boot disk");
                }

                instance.Status = "RUNNING";
                return (200, null, null);
            case "detachDisk":
                var device = query["deviceName"].ToString();
                var attached = instance.Disks.FirstOrDefault(d => d.DeviceName == device);
                if (attached is null)
                {
                    return (400, "INVALID_ARGUMENT", $"No attached disk found with device name '{device}'");
                }

                if (attached.Boot && !stopped)
                {
                    return (400, "FAILED_PRECONDITION", "The boot disk of a running instance cannot be detached");
                }

                instance.Disks.Remove(attached);
                return (200, null, null);
            case "attachDisk":
                var source = (string)body!["source"]!;
                var disk = source[(source.LastIndexOf('/') + 1)..];
                var boot = (bool?)body["boot"] ?? false;
                if (!disks.ContainsKey(disk))
                {
                    return (404, "NOT_FOUND", $"The resource '{source}' was not found");
                }

                if (boot && (!stopped || instance.Disks.Any(d => d.Boot)))
                {
                    return (400, "FAILED_PRECONDITION", "A boot disk can be attached only to a stopped instance without one");
                }

                instance.Disks.Add(new FakeAttached((string?)body["deviceName"] ?? $"persistent-disk-{instance.Disks.Count + 1}", disk, boot));
                return (200, null, null);
            default:
                return (404, "NOT_FOUND", $"No method {verb}");
        }
    }

    private (int, JsonNode) Poll(string name)
    {
        if (!operations.TryGetValue(name, out var operation))
        {
            return NotFound("operations/" + name);
        }

        operation.Polls++;
        return (200, OperationJson(name, operation));
    }

    private static JsonObject OperationJson(string name, FakeOperation operation)
    {
        var status = operation.Polls switch { 0 => "PENDING", 1 => "RUNNING", _ => "DONE" };
        var json = new JsonObject
        {
            ["kind"] = "compute#operation",
            ["zone"] = operation.Global ? null : $"https://compute.googleapis.com/compute/v1/projects/{Project}/zones/{Zone}",
            ["name"] = name,
            ["operationType"] = operation.Call.Split('.')[1],
            ["status"] = status,
            ["progress"] = status == "DONE" ? 100 : 0,
            ["selfLink"] = $"https://compute.googleapis.com/compute/v1/projects/{Project}/{(operation.Global ? "global" : "zones/" + Zone)}/operations/{name}",
        };
        if (status == "DONE" && operation.Error is { } error)
        {
            json["error"] = new JsonObject { ["errors"] = new JsonArray(new JsonObject { ["code"] = error.Code, ["message"] = error.Message }) };
            json["httpErrorStatusCode"] = 400;
            json["httpErrorMessage"] = "BAD REQUEST";
        }

        return json;
    }

    /// <summary>An aggregatedList answer with every item in the one zone.</summary>
    private static JsonObject Aggregated(string collection, IEnumerable<JsonNode> items) => new()
    {
        ["kind"] = $"compute#{collection[..^1]}AggregatedList",
        ["id"] = $"projects/{Project}/aggregated/{collection}",
        ["items"] = new JsonObject { [$"zones/{Zone}"] = new JsonObject { [collection] = new JsonArray(items.ToArray()) } },
    };

    private static JsonObject InstanceJson(string name, FakeInstance instance)
    {
        var json = new JsonObject
        {
            ["kind"] = "compute#instance",
            ["id"] = "4567890123456789012",
            ["name"] = name,
            ["zone"] = $"https://compute.googleapis.com/compute/v1/projects/{Project}/zones/{Zone}",
            ["status"] = instance.Status,
            ["selfLink"] = $"https://compute.googleapis.com/compute/v1/projects/{Project}/zones/{Zone}/instances/{name}",
            ["disks"] = new JsonArray(instance.Disks.Select(d => (JsonNode)new JsonObject
            {
                ["kind"] = "compute#attachedDisk",
                ["type"] = "PERSISTENT",
                ["mode"] = "READ_WRITE",
                ["deviceName"] = d.DeviceName,
                ["boot"] = d.Boot,
                ["source"] = $"https://compute.googleapis.com/compute/v1/projects/{Project}/zones/{Zone}/disks/{d.Disk}",
            }).ToArray()),
        };
        if (instance.Labels.Count > 0)
        {
            json["labels"] = Labels(instance.Labels);
        }

        if (instance.CreatedBy is { } manager)
        {
            json["metadata"] = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["key"] = "created-by", ["value"] = manager }) };
        }

        return json;
    }

    private static JsonObject DiskJson(FakeDisk disk) => new()
    {
        ["kind"] = "compute#disk",
        ["name"] = disk.Name,
        ["selfLink"] = $"https://compute.googleapis.com/compute/v1/projects/{Project}/zones/{Zone}/disks/{disk.Name}",
        ["sourceImage"] = "https://www.googleapis.com/compute/v1/" + disk.SourceImage,
        ["sizeGb"] = disk.SizeGb,
        ["type"] = disk.Type,
        ["status"] = "READY",
    };

    private static JsonObject Labels(Dictionary<string, string> labels)
    {
        var json = new JsonObject();
        foreach (var (key, value) in labels)
        {
            json[key] = value;
        }

        return json;
    }

    private static (int, JsonNode) NotFound(string path) => (404, Error(404, "NOT_FOUND", $"The resource '{path}' was not found"));

    private static JsonObject Error(int code, string status, string message) => new()
    {
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message, ["status"] = status, ["errors"] = new JsonArray(new JsonObject { ["message"] = message, ["domain"] = "global", ["reason"] = status.ToLowerInvariant() }) },
    };

    private static async Task WriteAsync(HttpContext context, int status, JsonNode answer)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed class FakeInstance
    {
        public string Status { get; set; } = "RUNNING";

        public string? CreatedBy { get; set; }

        /// <summary>The template a group made the instance from (a path).</summary>
        public string? Template { get; set; }

        public Dictionary<string, string> Labels { get; } = new(StringComparer.Ordinal);

        public List<FakeAttached> Disks { get; } = [];
    }

    private sealed record FakeAttached(string DeviceName, string Disk, bool Boot);

    private sealed record FakeDisk(string Name, string SourceImage, string SizeGb, string Type);

    private sealed class FakeOperation(string call)
    {
        public string Call => call;

        public int Polls { get; set; }

        public (string Code, string Message)? Error { get; set; }

        public bool Global { get; init; }
    }
}
