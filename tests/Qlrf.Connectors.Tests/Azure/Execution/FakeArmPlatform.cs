using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Qlrf.Connectors.Tests.Support;

namespace Qlrf.Connectors.Tests.Azure.Execution;

/// <summary>
/// A loopback Azure Resource Manager (TLS, as ARM is) holding a uniform scale set with one instance (more through
/// <see cref="AddInstance"/>) and a standalone VM, answering in the shapes the Compute REST reference documents, the
/// subscription's VM and scale-set lists and the scale set's instance list (which discovery reads) included. Long-running operations answer 202 (or 200 with
/// provisioning state Updating, the new model already in place) with <c>Azure-AsyncOperation</c> and <c>Location</c> headers; their status goes through
/// <see cref="OperationStatuses"/>, one per poll, and their effect lands when they succeed. Every call is recorded.
/// </summary>
public sealed class FakeArmPlatform : IAsyncDisposable
{
    public const string Subscription = AzureFixture.Prod;
    public const string ScaleSet = "/subscriptions/" + Subscription + "/resourceGroups/rg-api/providers/Microsoft.Compute/virtualMachineScaleSets/api-vmss";
    public const string Gallery = "/subscriptions/" + Subscription + "/resourceGroups/rg-images/providers/Microsoft.Compute/galleries/acme_golden/images/ubuntu-2204-base";
    public const string OldImage = Gallery + "/versions/1.4.0";
    public const string NewImage = Gallery + "/versions/1.5.0";
    public static readonly string Instance = (ScaleSet + "/virtualMachines/1").ToLowerInvariant();
    public static readonly string VmsList = ("/subscriptions/" + Subscription + "/providers/Microsoft.Compute/virtualMachines").ToLowerInvariant();
    public static readonly string ScaleSetsList = ("/subscriptions/" + Subscription + "/providers/Microsoft.Compute/virtualMachineScaleSets").ToLowerInvariant();
    public static readonly string Vm = ("/subscriptions/" + Subscription + "/resourceGroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/web-prod-weu-01").ToLowerInvariant();

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly Dictionary<string, Operation> operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> instanceImages = new(StringComparer.Ordinal) { ["1"] = OldImage };
    private int nextOperation;

    private FakeArmPlatform(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public string ModelImage { get; set; } = OldImage;

    /// <summary>The image of instance 1.</summary>
    public string InstanceImage
    {
        get => instanceImages["1"];
        set => instanceImages["1"] = value;
    }

    /// <summary>The scale set's instance ids, in order.</summary>
    public IReadOnlyList<string> InstanceIds => [.. instanceImages.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The asset id (lower-cased resource id) of the scale set's instance <paramref name="instanceId"/>.</summary>
    public static string InstanceAssetId(string instanceId) => (ScaleSet + "/virtualMachines/" + instanceId).ToLowerInvariant();

    /// <summary>Adds instance <paramref name="instanceId"/> to the scale set, running <paramref name="image"/>.</summary>
    public void AddInstance(string instanceId, string image = OldImage) => instanceImages[instanceId] = image;

    public string InstanceImageOf(string instanceId) => instanceImages[instanceId];

    /// <summary>The instance ids each manual upgrade asked for, one entry per instance per call.</summary>
    public IEnumerable<string> UpgradedInstanceIds => CallsOf("POST manualupgrade").SelectMany(b => b!["instanceIds"]!.AsArray().Select(i => (string)i!));

    public string VmImage { get; set; } = OldImage;

    public string OsType { get; set; } = "Linux";

    public ConcurrentDictionary<string, string> VmTags { get; } = new(StringComparer.Ordinal) { ["environment"] = "prod" };

    /// <summary>The instance view statuses of both machines, and the VM agent's and application health extension's.</summary>
    public List<string> Statuses { get; set; } = ["ProvisioningState/succeeded", "PowerState/running"];

    public string? AgentStatus { get; set; } = "Ready";

    public string? HealthState { get; set; }

    /// <summary>The statuses a new operation goes through, one per poll.</summary>
    public List<string> OperationStatuses { get; set; } = ["InProgress", "Succeeded"];

    /// <summary>The error of an operation that ends Failed.</summary>
    public (string Code, string Message) OperationError { get; set; } = ("OSProvisioningTimedOut", "OS Provisioning for VM 'api-vmss_1' did not finish in the allotted time.");

    /// <summary>What install-patches reports when it ends.</summary>
    public (string Status, int Installed, int Failed) PatchResult { get; set; } = ("Succeeded", 3, 0);

    /// <summary>Throttling answers (429 with Retry-After seconds) to give before the real answer, per call ("POST manualupgrade").</summary>
    public ConcurrentDictionary<string, Queue<int>> Throttles { get; } = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Call, JsonNode? Body)> Calls { get; } = new();

    public IEnumerable<JsonNode?> CallsOf(string call) => Calls.Where(c => c.Call == call).Select(c => c.Body);

    public static async Task<FakeArmPlatform> StartAsync(LoopbackCertificate certificate)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0, l => l.UseHttps(certificate.Certificate)));
        var app = builder.Build();
        var platform = new FakeArmPlatform(app);
        app.Run(platform.HandleAsync);
        await app.StartAsync();
        platform.BaseUrl = app.Urls.First().TrimEnd('/');
        return platform;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = (context.Request.Path.Value ?? "/").ToLowerInvariant();
        var method = context.Request.Method;
        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync();
        var body = text.Length > 0 ? JsonNode.Parse(text) : null;
        var call = method + " " + Kind(path);
        Calls.Enqueue((call, body));
        if (!string.Equals(context.Request.Headers.Authorization, "Bearer " + AzureFixture.Token, StringComparison.Ordinal))
        {
            await WriteAsync(context, 401, Error("AuthenticationFailed", "no bearer token"));
            return;
        }

        if (Throttles.TryGetValue(call, out var throttles) && throttles.TryDequeue(out var retryAfter))
        {
            context.Response.Headers["Retry-After"] = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteAsync(context, 429, Error("TooManyRequests", "The request is being throttled."));
            return;
        }

        await (call switch
        {
            "GET instance" => instanceImages.ContainsKey(InstanceIdOf(path))
                ? WriteAsync(context, 200, InstanceJson(InstanceIdOf(path), context.Request.Query["$expand"] == "instanceView"))
                : WriteAsync(context, 404, Error("ResourceNotFound", $"no instance {path} here")),
            "GET instances" => WriteAsync(context, 200, List([.. InstanceIds.Select(id => InstanceJson(id, context.Request.Query["$expand"] == "instanceView"))])),
            "GET scalesets" => WriteAsync(context, 200, List(ScaleSetJson("Succeeded"))),
            "GET vms" => WriteAsync(context, 200, List(VmJson(context.Request.Query["$expand"] == "instanceView", "Succeeded"))),
            "GET scaleset" => WriteAsync(context, 200, ScaleSetJson("Succeeded")),
            "PATCH scaleset" => UpdateScaleSetAsync(context, body!),
            "POST manualupgrade" => StartAsync(context, 202, null, () => Upgrade(body!)),
            "GET vm" => WriteAsync(context, 200, VmJson(context.Request.Query["$expand"] == "instanceView", "Succeeded")),
            "PATCH vm" => UpdateVmTagsAsync(context, body!),
            "POST installpatches" => StartAsync(context, 202, null, () => { }, PatchResultJson()),
            "GET operation" => OperationStatusAsync(context, path),
            "GET operationresult" => OperationResultAsync(context, path),
            _ => WriteAsync(context, 404, Error("ResourceNotFound", $"no {method} {path} here")),
        });
    }

    private static string Kind(string path) =>
        path.Contains("/operations/", StringComparison.Ordinal) ? "operation"
        : path.Contains("/operationresults/", StringComparison.Ordinal) ? "operationresult"
        : path.EndsWith("/manualupgrade", StringComparison.Ordinal) ? "manualupgrade"
        : path.EndsWith("/installpatches", StringComparison.Ordinal) ? "installpatches"
        : path.StartsWith(InstancePrefix, StringComparison.Ordinal) && path.Length > InstancePrefix.Length && !path[InstancePrefix.Length..].Contains('/', StringComparison.Ordinal) ? "instance"
        : path == InstancePrefix.TrimEnd('/') ? "instances"
        : path == VmsList ? "vms"
        : path == ScaleSetsList ? "scalesets"
        : string.Equals(path, ScaleSet, StringComparison.OrdinalIgnoreCase) ? "scaleset"
        : path == Vm ? "vm"
        : path;

    private static readonly string InstancePrefix = (ScaleSet + "/virtualMachines/").ToLowerInvariant();

    private static string InstanceIdOf(string path) => path[InstancePrefix.Length..];

    private static JsonObject List(params JsonObject[] items) => new() { ["value"] = new JsonArray([.. items]) };

    /// <summary>A manual upgrade's effect: each named instance takes the scale set's model as it is when the operation ends.</summary>
    private void Upgrade(JsonNode body)
    {
        foreach (var id in body["instanceIds"]!.AsArray().Select(i => (string)i!))
        {
            instanceImages[id] = ModelImage;
        }
    }

    private Task StartAsync(HttpContext context, int status, JsonObject? answer, Action effect, JsonObject? result = null)
    {
        string id;
        lock (gate)
        {
            id = $"op-{++nextOperation:D4}";
            operations[id] = new Operation(new Queue<string>(OperationStatuses), effect, result);
        }

        var location = $"{BaseUrl}/subscriptions/{Subscription}/providers/Microsoft.Compute/locations/westeurope";
        context.Response.Headers["Azure-AsyncOperation"] = $"{location}/operations/{id}?api-version=2023-07-01";
        context.Response.Headers["Location"] = $"{location}/operationResults/{id}?api-version=2023-07-01";
        return WriteAsync(context, status, answer);
    }

    private Task OperationStatusAsync(HttpContext context, string path)
    {
        var id = path[(path.LastIndexOf('/') + 1)..];
        string status;
        lock (gate)
        {
            var operation = operations[id];
            status = operation.Statuses.Count > 1 ? operation.Statuses.Dequeue() : operation.Statuses.Peek();
            if (status == "Succeeded" && !operation.Applied)
            {
                operation.Applied = true;
                operation.Effect();
            }
        }

        var answer = new JsonObject { ["name"] = id, ["status"] = status, ["startTime"] = "2026-11-02T09:00:00.0000000+00:00" };
        if (status == "Failed")
        {
            answer["error"] = new JsonObject { ["code"] = OperationError.Code, ["message"] = OperationError.Message };
        }

        return WriteAsync(context, 200, answer);
    }

    private Task OperationResultAsync(HttpContext context, string path)
    {
        var id = path[(path.LastIndexOf('/') + 1)..];
        JsonObject? result;
        lock (gate)
        {
            result = operations[id].Result;
        }

        return result is null ? WriteAsync(context, 204, null) : WriteAsync(context, 200, (JsonObject)result.DeepClone());
    }

    /// <summary>ARM takes a scale set's new model at once and answers with it, Updating; the SDK then polls the scale set.</summary>
    private Task UpdateScaleSetAsync(HttpContext context, JsonNode body)
    {
        ModelImage = (string)body["properties"]!["virtualMachineProfile"]!["storageProfile"]!["imageReference"]!["id"]!;
        return StartAsync(context, 200, ScaleSetJson("Updating"), () => { });
    }

    private Task UpdateVmTagsAsync(HttpContext context, JsonNode body)
    {
        VmTags.Clear();
        foreach (var (key, value) in body["tags"]!.AsObject())
        {
            VmTags[key] = (string)value!;
        }

        return WriteAsync(context, 200, VmJson(instanceView: false, "Succeeded"));
    }

    private JsonObject ScaleSetJson(string provisioningState) => new()
    {
        ["id"] = ScaleSet,
        ["name"] = "api-vmss",
        ["type"] = "Microsoft.Compute/virtualMachineScaleSets",
        ["location"] = "westeurope",
        ["sku"] = new JsonObject { ["name"] = "Standard_D2s_v5", ["tier"] = "Standard", ["capacity"] = instanceImages.Count },
        ["properties"] = new JsonObject
        {
            ["upgradePolicy"] = new JsonObject { ["mode"] = "Manual" },
            ["orchestrationMode"] = "Uniform",
            ["provisioningState"] = provisioningState,
            ["virtualMachineProfile"] = new JsonObject
            {
                ["storageProfile"] = new JsonObject
                {
                    ["imageReference"] = new JsonObject { ["id"] = ModelImage },
                    ["osDisk"] = new JsonObject { ["osType"] = "Linux", ["createOption"] = "FromImage" },
                },
            },
        },
    };

    private JsonObject InstanceJson(string instanceId, bool instanceView)
    {
        var image = instanceImages[instanceId];
        var properties = new JsonObject
        {
            ["latestModelApplied"] = string.Equals(image, ModelImage, StringComparison.OrdinalIgnoreCase),
            ["storageProfile"] = new JsonObject
            {
                ["imageReference"] = new JsonObject { ["id"] = image },
                ["osDisk"] = new JsonObject { ["osType"] = "Linux", ["createOption"] = "FromImage" },
            },
            ["osProfile"] = new JsonObject { ["computerName"] = "api-vmss" + instanceId.PadLeft(6, '0') },
            ["provisioningState"] = "Succeeded",
        };
        if (instanceView)
        {
            properties["instanceView"] = InstanceView();
        }

        return new JsonObject
        {
            ["id"] = ScaleSet + "/virtualMachines/" + instanceId,
            ["name"] = "api-vmss_" + instanceId,
            ["type"] = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines",
            ["location"] = "westeurope",
            ["instanceId"] = instanceId,
            ["properties"] = properties,
        };
    }

    private JsonObject VmJson(bool instanceView, string provisioningState)
    {
        var tags = new JsonObject();
        foreach (var (key, value) in VmTags)
        {
            tags[key] = value;
        }

        var properties = new JsonObject
        {
            ["storageProfile"] = new JsonObject
            {
                ["imageReference"] = new JsonObject { ["id"] = VmImage },
                ["osDisk"] = new JsonObject { ["osType"] = OsType, ["createOption"] = "FromImage" },
            },
            ["provisioningState"] = provisioningState,
        };
        if (instanceView)
        {
            properties["instanceView"] = InstanceView();
        }

        return new JsonObject
        {
            ["id"] = "/subscriptions/" + Subscription + "/resourceGroups/rg-web-prod/providers/Microsoft.Compute/virtualMachines/web-prod-weu-01",
            ["name"] = "web-prod-weu-01",
            ["type"] = "Microsoft.Compute/virtualMachines",
            ["location"] = "westeurope",
            ["tags"] = tags,
            ["properties"] = properties,
        };
    }

    private JsonObject InstanceView()
    {
        var statuses = new JsonArray();
        foreach (var code in Statuses)
        {
            statuses.Add(new JsonObject { ["code"] = code, ["level"] = "Info" });
        }

        var view = new JsonObject { ["statuses"] = statuses };
        if (AgentStatus is not null)
        {
            view["vmAgent"] = new JsonObject
            {
                ["vmAgentVersion"] = "2.10.0.8",
                ["statuses"] = new JsonArray(new JsonObject { ["code"] = "ProvisioningState/succeeded", ["level"] = "Info", ["displayStatus"] = AgentStatus }),
            };
        }

        if (HealthState is not null)
        {
            view["vmHealth"] = new JsonObject { ["status"] = new JsonObject { ["code"] = HealthState, ["level"] = "Info" } };
        }

        return view;
    }

    private JsonObject PatchResultJson() => new()
    {
        ["status"] = PatchResult.Status,
        ["installationActivityId"] = "68f8b292-dfc2-4646-9781-33cc88631968",
        ["rebootStatus"] = "NotNeeded",
        ["maintenanceWindowExceeded"] = false,
        ["excludedPatchCount"] = 0,
        ["notSelectedPatchCount"] = 0,
        ["pendingPatchCount"] = 0,
        ["installedPatchCount"] = PatchResult.Installed,
        ["failedPatchCount"] = PatchResult.Failed,
        ["patches"] = new JsonArray(),
        ["startDateTime"] = "2026-11-02T09:00:00.0000000+00:00",
    };

    private static JsonObject Error(string code, string message) => new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static async Task WriteAsync(HttpContext context, int status, JsonObject? answer)
    {
        context.Response.StatusCode = status;
        if (answer is not null)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(answer.ToJsonString());
        }
    }

    private sealed class Operation(Queue<string> statuses, Action effect, JsonObject? result)
    {
        public Queue<string> Statuses => statuses;

        public Action Effect => effect;

        public JsonObject? Result => result;

        public bool Applied { get; set; }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
