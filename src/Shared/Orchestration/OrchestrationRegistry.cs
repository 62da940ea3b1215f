using Microsoft.Extensions.DependencyInjection;

namespace Qlrf.Orchestration;

/// <summary>
/// The orchestrators and activities a host runs, by name (use <c>nameof</c>). Names are case-insensitive and
/// unique per kind. Class-based tasks are created through dependency injection, activities in a scope per call.
/// </summary>
public sealed class OrchestrationRegistry
{
    private readonly Dictionary<string, TaskRegistration<IOrchestrator>> orchestrators = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, TaskRegistration<IActivity>> activities = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, TaskRegistration<IOrchestrator>> Orchestrators => orchestrators;

    public IReadOnlyDictionary<string, TaskRegistration<IActivity>> Activities => activities;

    public OrchestrationRegistry AddOrchestrator<TOrchestrator>(string name)
        where TOrchestrator : class, IOrchestrator =>
        Add(orchestrators, "orchestrator", name, sp => ActivatorUtilities.CreateInstance<TOrchestrator>(sp));

    public OrchestrationRegistry AddOrchestrator<TInput, TOutput>(string name, Func<IOrchestrationContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var orchestrator = new FuncOrchestrator<TInput, TOutput>(run);
        return Add(orchestrators, "orchestrator", name, _ => orchestrator);
    }

    public OrchestrationRegistry AddActivity<TActivity>(string name)
        where TActivity : class, IActivity =>
        Add(activities, "activity", name, sp => ActivatorUtilities.CreateInstance<TActivity>(sp));

    public OrchestrationRegistry AddActivity<TInput, TOutput>(string name, Func<ActivityContext, TInput, Task<TOutput>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var activity = new FuncActivity<TInput, TOutput>(run);
        return Add(activities, "activity", name, _ => activity);
    }

    private OrchestrationRegistry Add<T>(Dictionary<string, TaskRegistration<T>> registrations, string kind, string name, Func<IServiceProvider, T> create)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!registrations.TryAdd(name, new TaskRegistration<T>(name, create)))
        {
            throw new ArgumentException($"An {kind} named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<IOrchestrationContext, TInput, Task<TOutput>> run) : Orchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(IOrchestrationContext context, TInput input) => run(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<ActivityContext, TInput, Task<TOutput>> run) : Activity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(ActivityContext context, TInput input) => run(context, input);
    }
}

/// <summary>A registered orchestrator or activity: its name and how to create it.</summary>
public sealed record TaskRegistration<T>(string Name, Func<IServiceProvider, T> Create);
