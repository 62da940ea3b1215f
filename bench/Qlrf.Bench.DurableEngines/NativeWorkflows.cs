using DurableTask.Core;
using Qlrf.Bench.Durable;

namespace Qlrf.Bench.DurableEngines;

/// <summary>
/// The benchmark's orchestrations written natively for DurableTask.Core (TaskOrchestration / TaskActivity), the same
/// steps as <see cref="Workflows"/>, under the same names: our IOrchestrationContext has no adapter to this API.
/// </summary>
internal static class NativeWorkflows
{
    public static ObjectCreator<TaskOrchestration>[] Orchestrations =>
    [
        new NameValueObjectCreator<TaskOrchestration>(nameof(Workflows.FiveActivitiesAsync), string.Empty, typeof(FiveActivities)),
        new NameValueObjectCreator<TaskOrchestration>(nameof(Workflows.AwaitEventAsync), string.Empty, typeof(AwaitEvent)),
        new NameValueObjectCreator<TaskOrchestration>(nameof(Workflows.FanOutAsync), string.Empty, typeof(FanOut)),
    ];

    public static ObjectCreator<TaskActivity>[] Activities =>
    [
        new NameValueObjectCreator<TaskActivity>(nameof(Workflows.Increment), string.Empty, new Increment()),
    ];

    private sealed class FiveActivities : TaskOrchestration<int, int>
    {
        public override async Task<int> RunTask(OrchestrationContext context, int input)
        {
            var value = input;
            for (var i = 0; i < 5; i++)
            {
                value = await context.ScheduleTask<int>(nameof(Workflows.Increment), string.Empty, value);
            }

            return value;
        }
    }

    private sealed class AwaitEvent : TaskOrchestration<int, int>
    {
        private readonly TaskCompletionSource<int> received = new();

        public override async Task<int> RunTask(OrchestrationContext context, int input) => input + await received.Task;

        public override void OnEvent(OrchestrationContext context, string name, string input)
        {
            if (name == Workflows.Go)
            {
                received.TrySetResult(DataConverter.Deserialize<int>(input));
            }
        }
    }

    private sealed class FanOut : TaskOrchestration<long, int>
    {
        public override async Task<long> RunTask(OrchestrationContext context, int input)
        {
            var tasks = new Task<int>[input];
            for (var i = 0; i < input; i++)
            {
                tasks[i] = context.ScheduleTask<int>(nameof(Workflows.Increment), string.Empty, i);
            }

            var results = await Task.WhenAll(tasks);
            return results.Sum(r => (long)r);
        }
    }

    private sealed class Increment : TaskActivity<int, int>
    {
        protected override int Execute(TaskContext context, int input) => input + 1;
    }
}
