using Qlrf.Workflows.Compensation;
using Qlrf.UnitTests.Support;

namespace Qlrf.UnitTests.Orchestration;

public sealed class CompensationsTests
{
    private readonly FakeOrchestrationContext context = new FakeOrchestrationContext()
        .On<string, string>("Undo", step => step == "broken" ? throw new InvalidOperationException("undo failed") : "undid " + step);

    private Func<Task<string?>> Undo(string step) => async () => await context.CallActivityAsync<string>("Undo", step);

    [Fact]
    public async Task Compensations_unwind_newest_first_and_are_forgotten()
    {
        var compensations = new Compensations();
        compensations.Register("first", Undo("first"));
        compensations.Register("second", Undo("second"));

        var results = await compensations.UnwindAsync(context);

        Assert.Equal(["second", "first"], results.Select(r => r.Name));
        Assert.Equal(["undid second", "undid first"], results.Select(r => r.Detail));
        Assert.All(results, r => Assert.Equal(CompensationStatus.Done, r.Status));
        Assert.Equal(0, compensations.Count);
        Assert.Empty(await compensations.UnwindAsync(context));
    }

    [Fact]
    public async Task Unwinding_stops_at_a_failed_compensation_and_reports_the_rest_not_run()
    {
        var compensations = new Compensations();
        compensations.Register("first", Undo("first"));
        compensations.Register("broken", Undo("broken"));

        var results = await compensations.UnwindAsync(context);

        Assert.Equal([CompensationStatus.Failed, CompensationStatus.NotRun], results.Select(r => r.Status));
        Assert.Equal("undo failed", results[0].Detail);
        Assert.DoesNotContain(context.Calls, c => c.Input == "\"first\"");
    }

    [Fact]
    public async Task Unwinding_can_go_on_past_a_failure_and_a_compensation_can_fail_without_an_activity()
    {
        var compensations = new Compensations();
        compensations.Register("first", Undo("first"));
        compensations.Register("job", () => throw new CompensationFailedException("job ended failed"));

        var results = await compensations.UnwindAsync(context, continueOnFailure: true);

        Assert.Equal([CompensationStatus.Failed, CompensationStatus.Done], results.Select(r => r.Status));
        Assert.Equal("job ended failed", results[0].Detail);
    }
}
