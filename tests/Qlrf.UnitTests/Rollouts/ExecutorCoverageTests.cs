using Qlrf.Errors;
using Qlrf.Execution;
using Qlrf.Inventory;
using Qlrf.Rollouts;
using Qlrf.Workflows.Rollouts.Activities;
using Qlrf.Workflows.Rollouts.Planning;

namespace Qlrf.UnitTests.Rollouts;

public sealed class ExecutorCoverageTests
{
    private static readonly RolloutTarget Image = new() { ImageFamily = "ubuntu", ImageVersion = "2" };
    private static readonly RolloutTarget Patches = new() { PatchSet = "ps-1" };

    // The inventory is not read by the check; only AssetAsync and scope resolution read it.
    private static ExecutorCoverage Coverage(params IPlatformExecutor[] executors) =>
        new(new ScopeResolution(null!), new RolloutExecutors(executors, null!));

    private static InventoryAsset Asset(string id, string source, Platform platform) => new()
    {
        Organisation = "acme",
        Source = source,
        Version = 1,
        Hash = "h",
        FirstSeenAt = DateTimeOffset.UnixEpoch,
        LastChangedAt = DateTimeOffset.UnixEpoch,
        Asset = new Asset { Id = id, Name = id, Platform = platform, Site = "s", Environment = "dev" },
    };

    [Fact]
    public void Assets_of_a_source_no_executor_handles_are_named_with_their_source_platform_and_why()
    {
        var assets = Enumerable.Range(1, 8).Select(i => Asset($"a-{i}", "aws-prod", Platform.Aws)).Append(Asset("s-1", "sandbox", Platform.Aws));

        var groups = Coverage(new Fake("sandbox")).Unchangeable(Image, assets);

        var group = Assert.Single(groups);
        Assert.Equal(("aws-prod", Platform.Aws, 8), (group.Source, group.Platform, group.AssetIds.Count));
        Assert.Equal("no executor changes assets of source 'aws-prod' on aws", group.Reason);
        var described = ExecutorCoverage.Describe(groups);
        Assert.Contains("8 asset(s) of source 'aws-prod' on aws (a-1, a-2, a-3, a-4, a-5 and 3 more): no executor changes", described, StringComparison.Ordinal);
        Assert.DoesNotContain("s-1", described, StringComparison.Ordinal);
    }

    [Fact]
    public void A_patch_set_is_refused_where_the_executor_cannot_apply_or_cannot_remove_it_and_an_image_change_is_not()
    {
        var coverage = Coverage(
            new Fake("k8s", ExecutorOperation.ApplyPatchSet, "the Kubernetes executor does not apply patch sets"),
            new Fake("aws", ExecutorOperation.RemovePatchSet, "the AWS executor cannot remove a patch set"));
        InventoryAsset[] assets = [Asset("pod-1", "k8s", Platform.Kubernetes), Asset("i-1", "aws", Platform.Aws)];

        var patchGroups = coverage.Unchangeable(Patches, assets);

        Assert.Equal(
            [("aws", "the AWS executor cannot remove a patch set"), ("k8s", "the Kubernetes executor does not apply patch sets")],
            patchGroups.Select(g => (g.Source, g.Reason)));
        Assert.Empty(coverage.Unchangeable(Image, assets));
    }

    [Fact]
    public void An_executor_that_refuses_some_of_its_assets_has_just_those_named_grouped_by_reason()
    {
        var coverage = Coverage(new Fake("azure", refusesAssetsStartingWith: "vm-", reason: "standalone VMs keep their OS disk"));
        InventoryAsset[] assets = [Asset("vmss-1/0", "azure", Platform.Azure), Asset("vm-2", "azure", Platform.Azure), Asset("vm-1", "azure", Platform.Azure)];

        var group = Assert.Single(coverage.Unchangeable(Image, assets));

        Assert.Equal(("azure", Platform.Azure, "standalone VMs keep their OS disk"), (group.Source, group.Platform, group.Reason));
        Assert.Equal(["vm-1", "vm-2"], group.AssetIds);
        Assert.Empty(coverage.Unchangeable(Image, [assets[0]]));
    }

    [Fact]
    public void An_executor_that_says_nothing_beyond_handles_supports_everything()
    {
        IPlatformExecutor executor = new Fake("sandbox");

        Assert.All(Enum.GetValues<ExecutorOperation>(), op => Assert.True(executor.Supports(op).IsSupported));
        Assert.Null(new RolloutExecutors([executor], null!).CannotChange("sandbox", Platform.Aws, RolloutExecutors.OperationsFor(Patches)));
    }

    [Fact]
    public void The_executor_lookup_at_run_time_still_fails_for_an_unhandled_source()
    {
        var error = Assert.Throws<ExecutorException>(() => new RolloutExecutors([new Fake("sandbox")], null!).For("gcp", Platform.Gcp));

        Assert.Equal("No executor changes assets of source 'gcp' on gcp.", error.Message);
    }

    private sealed class Fake(string source, ExecutorOperation? cannot = null, string? reason = null, string? refusesAssetsStartingWith = null) : IPlatformExecutor
    {
        public bool Handles(string source1, Platform platform) => source1 == source;

        public ExecutorSupport Supports(ExecutorOperation operation) =>
            operation == cannot ? ExecutorSupport.Unsupported(reason!) : ExecutorSupport.Supported;

        public ExecutorSupport Supports(ExecutorOperation operation, string assetId) =>
            refusesAssetsStartingWith is not null && assetId.StartsWith(refusesAssetsStartingWith, StringComparison.Ordinal)
                ? ExecutorSupport.Unsupported(reason!)
                : Supports(operation);

        public Task<ExecutionOutcome> ApplyImageAsync(ImageChange change, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ExecutionOutcome> ApplyPatchSetAsync(PatchSetChange change, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<AssetHealthReport> CheckHealthAsync(string organisation, string assetId, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
