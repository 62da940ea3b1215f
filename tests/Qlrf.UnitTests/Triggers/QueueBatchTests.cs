using Qlrf.Triggers;

namespace Qlrf.UnitTests.Triggers;

public sealed class QueueBatchTests
{
    private sealed class Log
    {
        public List<string> Applied { get; } = [];

        public List<string> Completed { get; } = [];

        public List<(string Message, string Error)> Abandoned { get; } = [];

        public List<string> Rejected { get; } = [];

        public Task RunAsync(IReadOnlyList<string> batch) =>
            ProcessAsync(batch, messages =>
            {
                if (messages.Contains("bad"))
                {
                    throw new InvalidOperationException("bad message");
                }

                Applied.AddRange(messages.Cast<string>());
                return Task.CompletedTask;
            });

        private Task ProcessAsync(IReadOnlyList<string> batch, Func<IReadOnlyList<object>, Task> apply) =>
            QueueBatch.ProcessAsync(
                batch,
                body => body == "unreadable" ? null : body,
                (messages, _) => apply(messages),
                (deliveries, _) =>
                {
                    Completed.AddRange(deliveries);
                    return Task.CompletedTask;
                },
                (delivery, error, _) =>
                {
                    Abandoned.Add((delivery, error));
                    return Task.CompletedTask;
                },
                (delivery, _, _) =>
                {
                    Rejected.Add(delivery);
                    return Task.CompletedTask;
                },
                CancellationToken.None);
    }

    [Fact]
    public async Task A_good_batch_is_applied_once_together_and_completed()
    {
        var log = new Log();
        await log.RunAsync(["a", "b", "c"]);
        Assert.Equal(["a", "b", "c"], log.Applied);
        Assert.Equal(["a", "b", "c"], log.Completed);
        Assert.Empty(log.Abandoned);
    }

    [Fact]
    public async Task One_bad_message_is_abandoned_with_its_error_and_the_rest_are_applied_one_by_one()
    {
        var log = new Log();
        await log.RunAsync(["a", "bad", "c"]);
        Assert.Equal(["a", "c"], log.Applied);
        Assert.Equal(["a", "c"], log.Completed);
        Assert.Equal([("bad", "bad message")], log.Abandoned);
    }

    [Fact]
    public async Task An_unreadable_message_is_rejected_and_the_rest_go_on()
    {
        var log = new Log();
        await log.RunAsync(["unreadable", "a"]);
        Assert.Equal(["unreadable"], log.Rejected);
        Assert.Equal(["a"], log.Completed);
    }
}
