using System.Net;
using System.Text.Json.Nodes;
using Qlrf.Dr;
using Qlrf.IntegrationTests.Support;
using Qlrf.Rollouts;
using Qlrf.Security;

namespace Qlrf.IntegrationTests.Isolation;

/// <summary>
/// Organisation isolation, route by route: every route and method of the API is called by organisation B's admin with
/// the ids of organisation A's real objects (in the path, the query or the body). B finds nothing of A's, changes
/// nothing of A's, and A's workflows still run afterwards. The routes come from the host's endpoint data source and
/// each needs an entry in <see cref="IsolationProbes"/>, so a new route cannot skip this.
/// </summary>
public sealed class OrganisationIsolationTests(OrganisationA a) : IClassFixture<OrganisationA>
{
    [Fact]
    public void Every_route_of_the_api_has_isolation_probes()
    {
        var routes = a.Host.Routes().Select(r => IsolationProbes.Key(r.Method, r.Pattern)).ToHashSet(StringComparer.Ordinal);

        var missing = routes.Where(r => !IsolationProbes.All.ContainsKey(r) && !IsolationProbes.NotProbed.ContainsKey(r)).Order().ToList();
        var stale = IsolationProbes.All.Keys.Concat(IsolationProbes.NotProbed.Keys).Where(r => !routes.Contains(r)).Order().ToList();

        Assert.True(missing.Count == 0, "Routes without isolation probes (add them to IsolationProbes):\n" + string.Join('\n', missing));
        Assert.True(stale.Count == 0, "Probes for routes the API no longer has:\n" + string.Join('\n', stale));
    }

    [Fact]
    public async Task Another_organisations_admin_finds_and_changes_nothing_of_the_first_on_any_route()
    {
        var before = await SnapshotAsync();
        var wrong = new List<string>();
        // B's own listings first, before B's log and data hold the ids B is about to send; deletions last.
        var calls = a.Host.Routes().Where(r => IsolationProbes.All.ContainsKey(IsolationProbes.Key(r.Method, r.Pattern)))
            .SelectMany(r => IsolationProbes.All[IsolationProbes.Key(r.Method, r.Pattern)](a).Select(probe => (Route: r, Probe: probe)))
            .OrderBy(c => c.Route.Mutating || c.Probe.Expect != Expect.Own).ThenBy(c => c.Route.Method == "DELETE").ThenBy(c => c.Route.Pattern, StringComparer.Ordinal);
        foreach (var (route, probe) in calls)
        {
            var reply = await a.B.SendAsync(new HttpMethod(route.Method), probe.Path, probe.Body);
            if (Check(probe, reply) is { } problem)
            {
                wrong.Add($"{route.Method} {probe}: {problem} — {(int)reply.Status} {reply.Body[..Math.Min(300, reply.Body.Length)]}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join('\n', wrong));
        var after = await SnapshotAsync();
        Assert.All(before, entry => Assert.True(entry.Value == after[entry.Key], $"{entry.Key} changed:\nbefore {entry.Value}\nafter  {after[entry.Key]}"));

        var bActor = (await a.B.FetchAsync("/api/v1/rbac/me")).Json<CallerDto>().Actor;
        var aLog = (await a.A.FetchAsync("/api/v1/audit?limit=500")).Json<PageDto<AuditEntryDto>>().Items;
        Assert.DoesNotContain(aLog, e => e.Actor == bActor);
        Assert.True((await a.A.FetchAsync("/api/v1/audit/verify")).Json<VerificationDto>().Verified);

        // A's workflows are alive: the rollout and the drill B tried to terminate run once A approves them.
        using var approver = await a.Host.CreateClientAsAsync(Role.Engineer);
        Assert.Equal(HttpStatusCode.OK, (await approver.DecideRolloutAsync(a.RolloutId, "approve")).Status);
        await a.Host.WaitForStatusAsync(a.RolloutId, RolloutStatus.Completed);
        Assert.Equal(HttpStatusCode.OK, (await approver.DecideAsync(a.DrillId)).Status);
        Assert.Equal(DrillStatus.Passed, (await a.A.WaitForFinishAsync(a.DrillId)).Status);
    }

    private string? Check(Probe probe, Reply reply)
    {
        var problem = reply.Response.Content.Headers.ContentType?.MediaType == "application/problem+json";
        return probe.Expect switch
        {
            Expect.NotFound when reply.Status != HttpStatusCode.NotFound || !problem => "expected 404 ProblemDetails",
            Expect.Refused when reply.Status is not (HttpStatusCode.NotFound or HttpStatusCode.BadRequest) || !problem => "expected 400 or 404 ProblemDetails",
            Expect.Own when !reply.Response.IsSuccessStatusCode => "expected success on B's own data",
            Expect.Own when a.Marks.FirstOrDefault(m => reply.Body.Contains(m, StringComparison.Ordinal)) is { } mark => $"shows A's '{mark}'",
            _ => null,
        };
    }

    /// <summary>A's objects as A reads them, without what moves by itself (times of reading, elapsed times).</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        string[] paths =
        [
            $"/api/v1/assets/{Uri.EscapeDataString(a.AssetId)}", $"/api/v1/discovery/runs/{a.RunId}", $"/api/v1/rbac/bindings/{a.BindingId}",
            $"/api/v1/api-keys/{a.KeyId}", $"/api/v1/images/{OrganisationA.Image}", $"/api/v1/images/{OrganisationA.NewerImage}",
            $"/api/v1/images/families/{OrganisationA.Family}", $"/api/v1/images/{OrganisationA.Image}/lineage", $"/api/v1/rollouts/{a.RolloutId}",
            "/api/v1/rollouts/policy-exceptions", $"/api/v1/dr/pairs/{OrganisationA.Pair}", $"/api/v1/dr/pairs/{OrganisationA.DryPair}",
            $"/api/v1/dr/drills/{a.FinishedDrillId}/report", $"/api/v1/dr/drills/{a.DrillId}", "/api/v1/drift/thresholds", "/api/v1/rbac/bindings",
            $"/api/v1/admin/orchestrations/{a.RolloutId}", $"/api/v1/admin/orchestrations/{a.DrillId}", $"/api/v1/admin/orchestrations/{a.FinishedDrillId}",
            $"/api/v1/certificates/{OrganisationA.CertificateId}", $"/api/v1/certificate-rotations/{a.RotationId}", "/api/v1/certificates/alerts?includeAcknowledged=true",
            $"/api/v1/compliance/evidence-packs/{a.EvidencePackId}",
            $"/api/v1/secrets/{OrganisationA.SecretId}", $"/api/v1/secret-rotations/{a.SecretRotationId}",
        ];
        var snapshot = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var reply = await a.A.FetchAsync(path);
            Assert.True(reply.Status == HttpStatusCode.OK, $"A reads {path}: {(int)reply.Status} {reply.Body}");
            snapshot[path] = Stable(JsonNode.Parse(reply.Body)!).ToJsonString();
        }

        return snapshot;
    }

    private static readonly HashSet<string> Moving = new(StringComparer.Ordinal) { "elapsedSeconds", "lastUpdatedAt", "history", "customStatus" };

    private static JsonNode Stable(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var name in o.Select(p => p.Key).Where(Moving.Contains).ToList())
            {
                o.Remove(name);
            }

            foreach (var child in o.Select(p => p.Value).OfType<JsonNode>().ToList())
            {
                Stable(child);
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array.OfType<JsonNode>())
            {
                Stable(child);
            }
        }

        return node;
    }
}
