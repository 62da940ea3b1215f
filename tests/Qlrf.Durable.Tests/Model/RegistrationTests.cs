using Microsoft.Extensions.DependencyInjection;
using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Model;

/// <summary>Registration by name, with dependency injection into class-based activities.</summary>
public sealed class RegistrationTests
{
    public sealed class Greeting(string text)
    {
        public string Text { get; } = text;
    }

    public sealed class GreetActivity(Greeting greeting) : Activity<string, string>
    {
        public override Task<string> RunAsync(ActivityContext context, string input) => Task.FromResult($"{greeting.Text}, {input} ({context.Name})");
    }

    public sealed class GreetOrchestrator : Orchestrator<string, string>
    {
        public override Task<string> RunAsync(IOrchestrationContext context, string input) =>
            context.CallActivityAsync<string>(nameof(GreetActivity), input);
    }

    [Fact]
    public async Task Class_based_tasks_registered_by_name_get_their_dependencies_injected()
    {
        await using var host = await DurableHost.StartAsync(
            r => r.AddOrchestrator<GreetOrchestrator>(nameof(GreetOrchestrator)).AddActivity<GreetActivity>(nameof(GreetActivity)),
            services: s => s.AddSingleton(new Greeting("Hello")));

        var state = await host.WaitAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GreetOrchestrator), "ops"));

        Assert.Equal("Hello, ops (GreetActivity)", state.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Registrations_from_several_modules_add_up_and_names_are_case_insensitive()
    {
        await using var host = await DurableHost.StartAsync(
            r => r.AddOrchestrator<string, string>("First", (ctx, s) => ctx.CallActivityAsync<string>("shout", s)),
            services: s => s.AddOrchestrationTasks(r => r.AddActivity<string, string>("Shout", (_, s) => Task.FromResult(s.ToUpperInvariant()))));

        var state = await host.WaitAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("first", "hey"));

        Assert.Equal("HEY", state.ReadOutputAs<string>());
        Assert.Equal("First", state.Name);
    }

    [Fact]
    public void A_name_cannot_be_registered_twice()
    {
        var registry = new OrchestrationRegistry().AddActivity<int, int>("Same", (_, x) => Task.FromResult(x));

        var error = Assert.Throws<ArgumentException>(() => registry.AddActivity<int, int>("same", (_, x) => Task.FromResult(x)));
        Assert.Contains("'same'", error.Message, StringComparison.Ordinal);
    }
}
