using System.Collections.Concurrent;
using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Tests.Aws.Execution;

/// <summary>
/// EC2 instances behind a loopback EC2 (the Query protocol: form-encoded POSTs, XML answers as the EC2 API reference
/// shows them) and SSM (JSON 1.1, the operation in X-Amz-Target). It keeps each instance's AMI and tags, runs
/// replace-root-volume tasks and patch commands through scripted states, and records every call. It serves discovery
/// too (DescribeInstances of all instances, DescribeImages by id or image-id filter), from the same state, so an
/// executor's change shows in the next sweep. It starts with one instance, <see cref="InstanceId"/>.
/// </summary>
public sealed class FakeAwsPlatform : IAsyncDisposable
{
    public const string InstanceId = "i-0598c7d356eba48d7";
    public const string Arn = "arn:aws:ec2:eu-west-1:123456789012:instance/" + InstanceId;
    private const string Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";
    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly Dictionary<string, (string TaskId, string InstanceId, Queue<string> States, string ImageId)> tasksByToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeInstance> instances = new(StringComparer.Ordinal) { [InstanceId] = new("ami-0abcdef1234567890") };
    private readonly Dictionary<string, Queue<string>> commands = new(StringComparer.Ordinal);

    private FakeAwsPlatform(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>The AMI of the first instance.</summary>
    public string ImageId
    {
        get => ImageOf(InstanceId);
        set
        {
            lock (gate)
            {
                instances[InstanceId].ImageId = value;
            }
        }
    }

    /// <summary>The tags of the first instance.</summary>
    public ConcurrentDictionary<string, string> Tags => instances[InstanceId].Tags;

    /// <summary>The AMIs DescribeImages knows, by id: their names (the sources' image name pattern reads family and version from them).</summary>
    public ConcurrentDictionary<string, string> Images { get; } = new(StringComparer.Ordinal)
    {
        ["ami-0abcdef1234567890"] = "ubuntu-2204-base-1.4.0",
        ["ami-0new000000000000"] = "ubuntu-2204-base-1.5.0",
    };

    /// <summary>The ARNs of every instance, the first one first.</summary>
    public IReadOnlyList<string> Arns
    {
        get
        {
            lock (gate)
            {
                return [.. instances.Keys.Select(id => $"arn:aws:ec2:eu-west-1:123456789012:instance/{id}")];
            }
        }
    }

    /// <summary>The states a new replace-root-volume task goes through, one per describe call; the first is what Create answers.</summary>
    public List<string> TaskStates { get; set; } = ["pending", "in-progress", "succeeded"];

    /// <summary>The statuses a new command's invocation goes through, one per GetCommandInvocation; null is "does not exist yet".</summary>
    public List<string?> CommandStatuses { get; set; } = [null, "InProgress", "Success"];

    public (string Instance, string System) Status { get; set; } = ("ok", "ok");

    /// <summary>Errors to answer before the real answer, per action: HTTP status and EC2 error code.</summary>
    public ConcurrentDictionary<string, Queue<(int Status, string Code)>> Errors { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Action, IReadOnlyDictionary<string, string> Parameters)> Calls { get; } = new();

    public IEnumerable<IReadOnlyDictionary<string, string>> CallsOf(string action) => Calls.Where(c => c.Action == action).Select(c => c.Parameters);

    /// <summary>Adds a running instance on <paramref name="imageId"/> with these tags.</summary>
    public void AddInstance(string instanceId, string imageId, params (string Key, string Value)[] tags)
    {
        var instance = new FakeInstance(imageId);
        foreach (var (key, value) in tags)
        {
            instance.Tags[key] = value;
        }

        lock (gate)
        {
            instances[instanceId] = instance;
        }
    }

    public string ImageOf(string instanceId)
    {
        lock (gate)
        {
            return instances[instanceId].ImageId;
        }
    }

    public static async Task<FakeAwsPlatform> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var platform = new FakeAwsPlatform(app);
        app.Run(platform.HandleAsync);
        await app.StartAsync();
        platform.BaseUrl = app.Urls.First().TrimEnd('/');
        return platform;
    }

    /// <summary>Starts a command as if an earlier attempt had sent it; its invocation goes through <paramref name="statuses"/>.</summary>
    public void RunningCommand(string commandId, params string[] statuses)
    {
        lock (gate)
        {
            commands[commandId] = new Queue<string>(statuses);
        }
    }

    /// <summary>Moves every task that is still running on to <paramref name="state"/>.</summary>
    public void FinishTasks(string state)
    {
        lock (gate)
        {
            foreach (var task in tasksByToken.Values)
            {
                task.States.Enqueue(state);
            }
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Request.Headers.TryGetValue("X-Amz-Target", out var target))
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var json = JsonNode.Parse(await reader.ReadToEndAsync())!.AsObject();
            var action = target.ToString().Split('.')[^1];
            Calls.Enqueue((action, json.ToDictionary(p => p.Key, p => p.Value?.ToJsonString() ?? string.Empty)));
            var (status, body) = Ssm(action, json);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/x-amz-json-1.1";
            await context.Response.WriteAsync(body);
            return;
        }

        var form = await context.Request.ReadFormAsync();
        var parameters = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        var name = parameters.GetValueOrDefault("Action") ?? string.Empty;
        Calls.Enqueue((name, parameters));
        context.Response.ContentType = "text/xml;charset=UTF-8";
        if (Errors.TryGetValue(name, out var errors) && errors.TryDequeue(out var error))
        {
            context.Response.StatusCode = error.Status;
            await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>{error.Code}</Code><Message>{error.Code} (fake)</Message></Error></Errors><RequestID>fake</RequestID></Response>");
            return;
        }

        await context.Response.WriteAsync($"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<{name}Response xmlns=\"{Ns}\"><requestId>fake</requestId>{Ec2(name, parameters)}</{name}Response>");
    }

    private string Ec2(string action, Dictionary<string, string> p)
    {
        lock (gate)
        {
            switch (action)
            {
                case "DescribeInstances":
                    var wanted = Listed(p, "InstanceId.");
                    var items = string.Concat(instances.Where(i => wanted.Count == 0 || wanted.Contains(i.Key)).Select(i => Instance(i.Key, i.Value)));
                    return $"<reservationSet><item><reservationId>r-1</reservationId><ownerId>123456789012</ownerId><instancesSet>{items}</instancesSet></item></reservationSet>";
                case "DescribeImages":
                    var ids = Listed(p, "ImageId.");
                    ids.UnionWith(p.Where(f => f.Key.StartsWith("Filter.", StringComparison.Ordinal) && f.Key.Contains(".Value.", StringComparison.Ordinal)
                        && p.GetValueOrDefault(f.Key[..f.Key.IndexOf(".Value.", StringComparison.Ordinal)] + ".Name") == "image-id").Select(f => f.Value));
                    var images = string.Concat(ids.Where(Images.ContainsKey).Select(id => $"<item><imageId>{id}</imageId><imageState>available</imageState><ownerId>123456789012</ownerId><name>{X(Images[id])}</name></item>"));
                    return $"<imagesSet>{images}</imagesSet>";
                case "CreateReplaceRootVolumeTask":
                    var token = p["ClientToken"];
                    if (!tasksByToken.TryGetValue(token, out var task))
                    {
                        task = ($"replacevol-{tasksByToken.Count + 1:x17}", p["InstanceId"], new Queue<string>(TaskStates), p["ImageId"]);
                        tasksByToken[token] = task;
                    }

                    return $"<replaceRootVolumeTask>{Task(task, advance: false)}</replaceRootVolumeTask>";
                case "DescribeReplaceRootVolumeTasks":
                    var described = tasksByToken.Values.Single(t => t.TaskId == p["ReplaceRootVolumeTaskId.1"]);
                    return $"<replaceRootVolumeTaskSet><item>{Task(described, advance: true)}</item></replaceRootVolumeTaskSet>";
                case "DescribeInstanceStatus":
                    return $"<instanceStatusSet><item><instanceId>{p["InstanceId.1"]}</instanceId><availabilityZone>eu-west-1a</availabilityZone><instanceState><code>16</code><name>running</name></instanceState><systemStatus><status>{Status.System}</status></systemStatus><instanceStatus><status>{Status.Instance}</status></instanceStatus></item></instanceStatusSet>";
                case "CreateTags":
                    instances[p["ResourceId.1"]].Tags[p["Tag.1.Key"]] = p["Tag.1.Value"];
                    return "<return>true</return>";
                default:
                    throw new InvalidOperationException("The fake EC2 does not know " + action);
            }
        }
    }

    private static HashSet<string> Listed(Dictionary<string, string> p, string prefix) =>
        [.. p.Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(f => f.Value)];

    private static string Instance(string id, FakeInstance instance)
    {
        var tags = string.Concat(instance.Tags.Select(t => $"<item><key>{X(t.Key)}</key><value>{X(t.Value)}</value></item>"));
        return $"<item><instanceId>{id}</instanceId><imageId>{instance.ImageId}</imageId><instanceState><code>16</code><name>running</name></instanceState><placement><availabilityZone>eu-west-1a</availabilityZone></placement><tagSet>{tags}</tagSet></item>";
    }

    private string Task((string TaskId, string InstanceId, Queue<string> States, string ImageId) task, bool advance)
    {
        if (advance && task.States.Count > 1)
        {
            task.States.Dequeue();
        }

        var state = task.States.Peek();
        if (state == "succeeded")
        {
            instances[task.InstanceId].ImageId = task.ImageId;
        }

        return $"<replaceRootVolumeTaskId>{task.TaskId}</replaceRootVolumeTaskId><instanceId>{task.InstanceId}</instanceId><taskState>{state}</taskState><startTime>2026-11-02T09:00:00Z</startTime><imageId>{task.ImageId}</imageId><deleteReplacedRootVolume>false</deleteReplacedRootVolume>";
    }

    private (int Status, string Body) Ssm(string action, JsonObject request)
    {
        lock (gate)
        {
            switch (action)
            {
                case "SendCommand":
                    var id = Guid.NewGuid().ToString();
                    commands[id] = new Queue<string>(CommandStatuses.Select(s => s ?? string.Empty));
                    return (200, JsonSerializer.Serialize(new { Command = new { CommandId = id, DocumentName = request["DocumentName"]?.GetValue<string>(), Status = "Pending" } }));
                case "GetCommandInvocation":
                    var commandId = request["CommandId"]!.GetValue<string>();
                    var statuses = commands[commandId];
                    var status = statuses.Count > 1 ? statuses.Dequeue() : statuses.Peek();
                    return status.Length == 0
                        ? (400, "{\"__type\":\"InvocationDoesNotExist\",\"message\":\"\"}")
                        : (200, JsonSerializer.Serialize(new { CommandId = commandId, InstanceId, DocumentName = "AWS-RunPatchBaseline", Status = status, StatusDetails = status, StandardErrorContent = status == "Failed" ? "Failed to install package: kernel" : string.Empty }));
                default:
                    return (400, $"{{\"__type\":\"InvalidAction\",\"message\":\"{action}\"}}");
            }
        }
    }

    private static string X(string text) => SecurityElement.Escape(text);

    private sealed class FakeInstance(string imageId)
    {
        public string ImageId { get; set; } = imageId;

        public ConcurrentDictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
