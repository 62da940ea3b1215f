using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Qlrf.Compliance;
using Qlrf.Compliance.Checks;
using Qlrf.Compliance.Engine;
using Qlrf.Compliance.Frameworks;
using Qlrf.Discovery;
using Qlrf.Inventory;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Compliance;

/// <summary>
/// The engine over the real SQLite store: results are evaluated once and then served, clock-dependent ones refreshed
/// after the interval, and a change re-evaluates only the checks and objects it touches.
/// </summary>
public sealed class ComplianceEngineTests : IDisposable
{
    private readonly ComplianceStores stores = new(RegistryStores.Sqlite);
    private readonly ManualTimeProvider time = new(ComplianceFixtures.Now);
    private readonly FakeAssetCheck assets = new();
    private readonly FakeClockCheck clock = new();
    private readonly ComplianceEngine engine;

    public ComplianceEngineTests()
    {
        var checks = new IComplianceCheck[] { assets, clock };
        var framework = FrameworkFileReader.Parse(new StringReader("""
            id: fw
            version: "1"
            title: FW
            controls:
              - id: golden
                title: Golden
                checks:
                  - check: fake-assets
              - id: certs
                title: Certificates
                checks:
                  - check: fake-clock
            """), "fw.yaml", checks.ToDictionary(c => c.Id));
        engine = new ComplianceEngine(new FrameworkCatalogue([framework]), checks, stores.Store, Options.Create(new ComplianceOptions()), time, NullLogger<ComplianceEngine>.Instance);
    }

    public void Dispose() => stores.Dispose();

    private static AssetChanged Change(string assetId, string org = "acme") => new()
    {
        EventId = Guid.NewGuid(),
        Organisation = org,
        Source = "sandbox",
        SweepRunId = "run-1",
        AssetId = assetId,
        Kind = AssetChangeKind.Updated,
        Version = 2,
        Hash = "h",
        DetectedAt = ComplianceFixtures.Now,
    };

    [Fact]
    public async Task Results_are_evaluated_on_first_read_then_served_from_the_store_until_a_clock_dependent_check_ages()
    {
        assets.Passing["a1"] = true;
        assets.Passing["a2"] = false;

        var first = await engine.EvaluateAsync("acme", "fw", [], default);
        await engine.EvaluateAsync("acme", "fw", [], default);
        time.Advance(TimeSpan.FromMinutes(61));
        await engine.EvaluateAsync("acme", "fw", [], default);

        Assert.Equal((1, 0), (assets.FullEvaluations, assets.ChangeEvaluations));
        Assert.Equal(2, clock.FullEvaluations);
        Assert.Equal((ControlOutcome.Failing, ControlOutcome.Passing), (first.Controls[0].Outcome, first.Controls[1].Outcome));
        Assert.Equal("a2", Assert.Single(first.Controls[0].Failures).ObjectId);
    }

    [Fact]
    public async Task An_asset_change_re_evaluates_only_the_asset_checks_and_only_its_assets()
    {
        assets.Passing["a1"] = true;
        assets.Passing["a2"] = false;
        await engine.EvaluateAsync("acme", "fw", [], default);

        assets.Passing["a2"] = true;
        assets.Passing.Remove("a1");
        await engine.HandleAsync([Change("a2"), Change("a1")], default);
        var after = await engine.EvaluateAsync("acme", "fw", [], default);

        Assert.Equal((1, 1, 1), (assets.FullEvaluations, assets.ChangeEvaluations, clock.FullEvaluations));
        Assert.Equal(["a1", "a2"], assets.LastChanged.Order());
        Assert.Equal((ControlOutcome.Passing, 1, 0), (after.Controls[0].Outcome, after.Controls[0].Passed, after.Controls[0].Failed));
    }

    [Fact]
    public async Task A_change_before_any_read_waits_for_the_first_full_evaluation()
    {
        await engine.HandleAsync([Change("a1")], default);
        await engine.ImageFamilyChangedAsync("acme", "web", default);

        Assert.Equal((0, 0, 0), (assets.FullEvaluations, assets.ChangeEvaluations, assets.FamilyEvaluations));
    }

    [Fact]
    public async Task A_family_change_replaces_that_familys_objects_and_drops_those_gone_from_it()
    {
        assets.Passing["a1"] = true;
        assets.Passing["a2"] = true;
        assets.Families["a1"] = "web";
        assets.Families["a2"] = "db";
        await engine.EvaluateAsync("acme", "fw", [], default);

        assets.Families.Remove("a1");
        assets.Passing["a3"] = false;
        assets.Families["a3"] = "web";
        await engine.ImageFamilyChangedAsync("acme", "web", default);
        var after = await engine.EvaluateAsync("acme", "fw", [], default);

        Assert.Equal(1, assets.FamilyEvaluations);
        Assert.Equal((1, 1), (after.Controls[0].Passed, after.Controls[0].Failed));
        Assert.Equal("a3", Assert.Single(after.Controls[0].Failures).ObjectId);
    }

    [Fact]
    public async Task An_unknown_framework_is_not_found()
    {
        await Assert.ThrowsAsync<Qlrf.Errors.NotFoundException>(() => engine.EvaluateAsync("acme", "nope", [], default));
    }

    private sealed class FakeAssetCheck : IAssetCheck, IFamilyCheck
    {
        public Dictionary<string, bool> Passing { get; } = [];

        public Dictionary<string, string> Families { get; } = [];

        public int FullEvaluations { get; private set; }

        public int ChangeEvaluations { get; private set; }

        public int FamilyEvaluations { get; private set; }

        public IReadOnlyCollection<string> LastChanged { get; private set; } = [];

        public string Id => "fake-assets";

        public string ObjectKind => "asset";

        public string Description => "fake";

        public IReadOnlyList<CheckParameter> Parameters => [];

        public bool ClockDependent => false;

        public Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
        {
            FullEvaluations++;
            return Task.FromResult<IReadOnlyList<CheckObjectResult>>(Passing.Keys.Select(Result).ToList());
        }

        public Task<CheckDelta> EvaluateAssetsAsync(CheckContext context, IReadOnlyCollection<string> assetIds, CancellationToken cancellationToken)
        {
            ChangeEvaluations++;
            LastChanged = assetIds;
            return Task.FromResult(new CheckDelta(assetIds.Where(Passing.ContainsKey).Select(Result).ToList(), assetIds.Where(a => !Passing.ContainsKey(a)).ToList()));
        }

        public Task<IReadOnlyList<CheckObjectResult>> EvaluateFamilyAsync(CheckContext context, string family, CancellationToken cancellationToken)
        {
            FamilyEvaluations++;
            return Task.FromResult<IReadOnlyList<CheckObjectResult>>(Passing.Keys.Where(a => Families.GetValueOrDefault(a) == family).Select(Result).ToList());
        }

        private CheckObjectResult Result(string id) => new("asset", id, Passing[id], Passing[id] ? "ok" : "old") { Scope = Families.GetValueOrDefault(id) };
    }

    private sealed class FakeClockCheck : IComplianceCheck
    {
        public int FullEvaluations { get; private set; }

        public string Id => "fake-clock";

        public string ObjectKind => "certificate";

        public string Description => "fake";

        public IReadOnlyList<CheckParameter> Parameters => [];

        public bool ClockDependent => true;

        public Task<IReadOnlyList<CheckObjectResult>> EvaluateAsync(CheckContext context, CancellationToken cancellationToken)
        {
            FullEvaluations++;
            return Task.FromResult<IReadOnlyList<CheckObjectResult>>([new CheckObjectResult("certificate", "c1", true, "fine")]);
        }
    }
}
