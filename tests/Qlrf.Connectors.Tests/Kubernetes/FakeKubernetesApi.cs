using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Qlrf.Connectors.Tests.Kubernetes;

/// <summary>
/// A stateful apps/v1 API on a loopback port: GET and strategic-merge PATCH of Deployments, StatefulSets and DaemonSets.
/// A PATCH that changes the pod template bumps the generation; each later GET moves the rollout one step on (the
/// controller sees the spec, then one pod, then all pods are updated and available), or, when
/// <see cref="FailRollouts"/> is set, marks a Deployment Progressing=False ProgressDeadlineExceeded. It serves discovery
/// too: the lists of each kind, in all namespaces or one, from the same objects (a list moves no rollout on).
/// A PATCH of <c>spec.replicas</c> scales a Deployment: the next GET shows it observed with none ready (Available=False),
/// the one after settled, its conditions stamped with <see cref="Now"/>. <c>/version</c> answers, and the paths in
/// <see cref="Answers"/> answer GET with their status (validation probes). A PATCH of a pod template's annotations
/// (a rolling restart) is a new generation too. Objects outside <c>apps/v1</c> (secrets) answer GET as they are and take
/// a PATCH as a JSON merge patch, which bumps their <c>resourceVersion</c>.
/// </summary>
public sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, JsonObject> objects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(int Status, string Body)> failures = new();
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, int> scaling = new(StringComparer.Ordinal);

    private FakeKubernetesApi(WebApplication app) => this.app = app;

    public string BaseUrl { get; private set; } = string.Empty;

    public ConcurrentQueue<(string Method, string Path, string? ContentType, string Body)> Requests { get; } = new();

    /// <summary>Every request's path with its query string.</summary>
    public ConcurrentQueue<string> Queries { get; } = new();

    /// <summary>Each request's path and query with the Accept header it sent.</summary>
    public ConcurrentQueue<(string Query, string Accept)> Accepts { get; } = new();

    public bool FailRollouts { get; set; }

    /// <summary>The platform's clock: the timestamps of the conditions a scale sets.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Other paths and the status a GET of each answers (e.g. a service's health endpoint).</summary>
    public ConcurrentDictionary<string, int> Answers { get; } = new(StringComparer.Ordinal);

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api.BaseUrl = app.Urls.First().TrimEnd('/');
        return api;
    }

    /// <summary>Adds a settled workload whose containers run the given images (the first is its primary container).</summary>
    public JsonObject Add(string kind, string ns, string name, int replicas, params (string Name, string Image)[] containers)
    {
        var resource = kind.ToLowerInvariant() + "s";
        var workload = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["uid"] = Guid.NewGuid().ToString(), ["generation"] = 3L, ["resourceVersion"] = "48291735", ["annotations"] = new JsonObject() },
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray([.. containers.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["image"] = c.Image })]) },
                },
            },
        };
        if (kind != "DaemonSet")
        {
            workload["spec"]!["replicas"] = replicas;
        }

        workload["status"] = Settled(kind, 3, replicas);
        objects[$"/apis/apps/v1/namespaces/{ns}/{resource}/{name}"] = workload;
        return workload;
    }

    /// <summary>Adds (or replaces) any object at its API path, e.g. <c>/api/v1/namespaces/shop/secrets/web-tls</c>; lists serve it.</summary>
    public JsonObject Put(string path, JsonObject value)
    {
        objects[path] = value;
        return value;
    }

    /// <summary>Answers the next calls with these errors (status and Kubernetes Status body) before serving normally.</summary>
    public void FailNext(int status, string reason, string message) =>
        failures.Enqueue((status, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["message"] = message, ["reason"] = reason, ["code"] = status }.ToJsonString()));

    public JsonObject Get(string path) => objects[path];

    public int Patches => Requests.Count(r => r.Method == "PATCH");

    /// <summary>The PATCH calls per workload path.</summary>
    public IReadOnlyDictionary<string, int> PatchesByPath =>
        Requests.Where(r => r.Method == "PATCH").GroupBy(r => r.Path, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "/";
        Requests.Enqueue((context.Request.Method, path, context.Request.ContentType, body));
        Queries.Enqueue(path + context.Request.QueryString.Value);
        Accepts.Enqueue((path + context.Request.QueryString.Value, context.Request.Headers.Accept.ToString()));
        context.Response.ContentType = "application/json";
        if (failures.TryDequeue(out var failure))
        {
            context.Response.StatusCode = failure.Status;
            await context.Response.WriteAsync(failure.Body);
            return;
        }

        string answer;
        lock (gate)
        {
            if (HttpMethods.IsGet(context.Request.Method) && Answers.TryGetValue(path, out var status))
            {
                context.Response.StatusCode = status;
                answer = "{}";
            }
            else if (HttpMethods.IsGet(context.Request.Method) && path.TrimEnd('/') == "/version")
            {
                answer = new JsonObject { ["major"] = "1", ["minor"] = "31", ["gitVersion"] = "v1.31.2" }.ToJsonString();
            }
            else if (HttpMethods.IsGet(context.Request.Method) && List(path, context.Request.Query["fieldSelector"].FirstOrDefault()) is { } list)
            {
                answer = list.ToJsonString();
            }
            else if (!objects.TryGetValue(path, out var workload))
            {
                context.Response.StatusCode = 404;
                var name = path.Split('/')[^1];
                answer = new JsonObject { ["kind"] = "Status", ["status"] = "Failure", ["message"] = $"{path.Split('/')[^2]}.apps \"{name}\" not found", ["reason"] = "NotFound", ["code"] = 404 }.ToJsonString();
            }
            else if (!path.StartsWith("/apis/apps/", StringComparison.Ordinal))
            {
                if (HttpMethods.IsPatch(context.Request.Method))
                {
                    MergePatch(workload, JsonNode.Parse(body)!.AsObject());
                    var version = long.Parse(workload["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "0", System.Globalization.CultureInfo.InvariantCulture);
                    workload["metadata"]!["resourceVersion"] = (version + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                answer = workload.ToJsonString();
            }
            else
            {
                if (HttpMethods.IsPatch(context.Request.Method))
                {
                    var patch = JsonNode.Parse(body)!.AsObject();
                    Patch(workload, patch);
                    Scale(path, workload, patch);
                }
                else if (scaling.ContainsKey(path))
                {
                    AdvanceScale(path, workload);
                }
                else
                {
                    Advance(workload);
                }

                answer = workload.ToJsonString();
            }
        }

        await context.Response.WriteAsync(answer);
    }

    private static void Patch(JsonObject workload, JsonObject patch)
    {
        foreach (var (key, value) in patch["metadata"]?["annotations"]?.AsObject() ?? [])
        {
            workload["metadata"]!["annotations"]![key] = value!.GetValue<string>();
        }

        var containers = workload["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        var changed = false;
        foreach (var wanted in patch["spec"]?["template"]?["spec"]?["containers"]?.AsArray() ?? [])
        {
            var container = containers.First(c => c!["name"]!.GetValue<string>() == wanted!["name"]!.GetValue<string>())!;
            if (container["image"]!.GetValue<string>() != wanted!["image"]!.GetValue<string>())
            {
                container["image"] = wanted["image"]!.GetValue<string>();
                changed = true;
            }
        }

        var template = workload["spec"]!["template"]!.AsObject();
        foreach (var (key, value) in patch["spec"]?["template"]?["metadata"]?["annotations"]?.AsObject() ?? [])
        {
            var metadata = (template["metadata"] ??= new JsonObject()).AsObject();
            var annotations = (metadata["annotations"] ??= new JsonObject()).AsObject();
            if (annotations[key]?.GetValue<string>() != value!.GetValue<string>())
            {
                annotations[key] = value.GetValue<string>();
                changed = true;
            }
        }

        if (changed)
        {
            workload["metadata"]!["generation"] = workload["metadata"]!["generation"]!.GetValue<long>() + 1;
        }
    }

    /// <summary>RFC 7386: objects merge, null removes, anything else replaces.</summary>
    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject child && target[key] is JsonObject existing)
            {
                MergePatch(existing, child);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    /// <summary>A PATCH of spec.replicas: a new generation the next GETs scale to.</summary>
    private void Scale(string path, JsonObject workload, JsonObject patch)
    {
        if (patch["spec"]?["replicas"] is not { } wanted || wanted.GetValue<int>() == workload["spec"]!["replicas"]!.GetValue<int>())
        {
            return;
        }

        workload["spec"]!["replicas"] = wanted.GetValue<int>();
        workload["metadata"]!["generation"] = workload["metadata"]!["generation"]!.GetValue<long>() + 1;
        scaling[path] = 0;
    }

    /// <summary>One step of a scale: observed with no replica ready, then settled with its conditions stamped <see cref="Now"/>.</summary>
    private void AdvanceScale(string path, JsonObject workload)
    {
        var generation = workload["metadata"]!["generation"]!.GetValue<long>();
        var desired = workload["spec"]!["replicas"]!.GetValue<int>();
        var status = workload["status"]!.AsObject();
        if (status["observedGeneration"]!.GetValue<long>() < generation)
        {
            var stamp = Stamp(Now);
            status["observedGeneration"] = generation;
            status["replicas"] = Math.Max(desired, 1);
            status["updatedReplicas"] = desired;
            status["readyReplicas"] = 0;
            status["availableReplicas"] = 0;
            status["conditions"] = new JsonArray(
                new JsonObject { ["type"] = "Available", ["status"] = "False", ["reason"] = "MinimumReplicasUnavailable", ["message"] = "Deployment does not have minimum availability.", ["lastTransitionTime"] = stamp, ["lastUpdateTime"] = stamp },
                new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "ReplicaSetUpdated", ["message"] = "ReplicaSet is progressing.", ["lastTransitionTime"] = stamp, ["lastUpdateTime"] = stamp });
            return;
        }

        var settled = Settled("Deployment", generation, desired);
        foreach (var condition in settled["conditions"]!.AsArray())
        {
            condition!["lastTransitionTime"] = Stamp(Now);
            condition["lastUpdateTime"] = Stamp(Now);
        }

        workload["status"] = settled;
        scaling.TryRemove(path, out _);
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A list of one kind (<c>{group}/{resource}</c> or <c>{group}/namespaces/{ns}/{resource}</c>, where the group is
    /// <c>/apis/apps/v1</c>, <c>/api/v1</c> or <c>/apis/networking.k8s.io/v1</c>), filtered by a <c>type=</c> or
    /// <c>type!=</c> field selector, or null for any other path.
    /// </summary>
    private JsonObject? List(string path, string? fieldSelector)
    {
        var parts = path.Trim('/').Split('/');
        var (group, ns, resource) = parts switch
        {
            ["apis", "apps", "v1", var r] => ("/apis/apps/v1", (string?)null, r),
            ["apis", "apps", "v1", "namespaces", var n, var r] => ("/apis/apps/v1", n, r),
            ["api", "v1", var r] => ("/api/v1", null, r),
            ["api", "v1", "namespaces", var n, var r] => ("/api/v1", n, r),
            ["apis", "networking.k8s.io", "v1", var r] => ("/apis/networking.k8s.io/v1", null, r),
            ["apis", "networking.k8s.io", "v1", "namespaces", var n, var r] => ("/apis/networking.k8s.io/v1", n, r),
            _ => (string.Empty, null, string.Empty),
        };
        if (resource is not ("deployments" or "statefulsets" or "daemonsets" or "secrets" or "ingresses"))
        {
            return null;
        }

        var prefix = ns is null ? $"{group}/namespaces/" : $"{group}/namespaces/{ns}/";
        var items = objects.Where(o => o.Key.StartsWith(prefix, StringComparison.Ordinal) && o.Key.Split('/')[^2] == resource)
            .Where(o => Selected(o.Value, fieldSelector))
            .OrderBy(o => o.Key, StringComparer.Ordinal)
            .Select(o => o.Value.DeepClone());
        var kind = resource switch { "deployments" => "Deployment", "statefulsets" => "StatefulSet", "secrets" => "Secret", "ingresses" => "Ingress", _ => "DaemonSet" };
        return new JsonObject
        {
            ["kind"] = kind + "List",
            ["apiVersion"] = group.Replace("/apis/", string.Empty, StringComparison.Ordinal).Replace("/api/", string.Empty, StringComparison.Ordinal),
            ["metadata"] = new JsonObject { ["resourceVersion"] = "48291800" },
            ["items"] = new JsonArray([.. items]),
        };
    }

    private static bool Selected(JsonObject item, string? fieldSelector)
    {
        if (string.IsNullOrEmpty(fieldSelector))
        {
            return true;
        }

        var type = item["type"]?.GetValue<string>();
        return fieldSelector.StartsWith("type!=", StringComparison.Ordinal) ? type != fieldSelector["type!=".Length..]
            : !fieldSelector.StartsWith("type=", StringComparison.Ordinal) || type == fieldSelector["type=".Length..];
    }

    /// <summary>One step of the controller: observe the new generation with one pod updated, then finish (or fail).</summary>
    private void Advance(JsonObject workload)
    {
        var kind = workload["kind"]!.GetValue<string>();
        var generation = workload["metadata"]!["generation"]!.GetValue<long>();
        var status = workload["status"]!.AsObject();
        var desired = kind == "DaemonSet" ? status["desiredNumberScheduled"]!.GetValue<int>() : workload["spec"]!["replicas"]!.GetValue<int>();
        if (status["observedGeneration"]!.GetValue<long>() >= generation)
        {
            var updated = kind == "DaemonSet" ? "updatedNumberScheduled" : "updatedReplicas";
            var total = kind == "DaemonSet" ? "currentNumberScheduled" : "replicas";
            if (status[updated]!.GetValue<int>() >= desired && (status[total]?.GetValue<int>() ?? 0) <= desired)
            {
                return;
            }

            if (FailRollouts && kind == "Deployment")
            {
                status["conditions"] = new JsonArray(
                    new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable", ["message"] = "Deployment has minimum availability." },
                    new JsonObject { ["type"] = "Progressing", ["status"] = "False", ["reason"] = "ProgressDeadlineExceeded", ["message"] = $"ReplicaSet \"{workload["metadata"]!["name"]}-7d9c6b5f4\" has timed out progressing." });
                return;
            }

            workload["status"] = Settled(kind, generation, desired);
            return;
        }

        status["observedGeneration"] = generation;
        if (kind == "DaemonSet")
        {
            status["updatedNumberScheduled"] = Math.Min(1, desired);
            status["numberAvailable"] = desired - Math.Min(1, desired);
        }
        else
        {
            status["replicas"] = desired + 1;
            status["updatedReplicas"] = Math.Min(1, desired);
            status["availableReplicas"] = desired;
        }
    }

    private static JsonObject Settled(string kind, long generation, int desired) => kind == "DaemonSet"
        ? new JsonObject
        {
            ["observedGeneration"] = generation,
            ["desiredNumberScheduled"] = desired,
            ["currentNumberScheduled"] = desired,
            ["updatedNumberScheduled"] = desired,
            ["numberAvailable"] = desired,
            ["numberReady"] = desired,
            ["numberMisscheduled"] = 0,
        }
        : new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = desired,
            ["updatedReplicas"] = desired,
            ["readyReplicas"] = desired,
            ["availableReplicas"] = desired,
            ["conditions"] = kind == "Deployment"
                ? new JsonArray(
                    new JsonObject { ["type"] = "Available", ["status"] = "True", ["reason"] = "MinimumReplicasAvailable", ["message"] = "Deployment has minimum availability." },
                    new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "NewReplicaSetAvailable", ["message"] = "ReplicaSet has successfully progressed." })
                : new JsonArray(),
        };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
