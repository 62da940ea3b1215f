using System.Diagnostics;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;

namespace Qlrf.Bench.Durable;

/// <summary>
/// Start and query latency on an empty store and on one holding many completed instances (with their history). Both
/// stores run side by side and are measured alternately, sample by sample, so that warm-up and the machine's other
/// load weigh on both alike.
/// </summary>
internal static class ScaleBench
{
    public sealed record Latencies(double Start, double Get, double QueryLive, double QueryByName);

    public static async Task<(Latencies Empty, Latencies Full)> RunAsync(int storedInstances, int samples)
    {
        await using var empty = await BenchHost.StartAsync(Workflows.Register);
        await using var full = await BenchHost.StartAsync(Workflows.Register, database => Seed(database, storedInstances));
        var emptyProbe = new Probe(empty.Client);
        var fullProbe = new Probe(full.Client);
        for (var i = 0; i < samples + samples / 5; i++)
        {
            var record = i >= samples / 5;
            if (i % 2 == 0)
            {
                await emptyProbe.MeasureAsync(i, record);
                await fullProbe.MeasureAsync(i, record);
            }
            else
            {
                await fullProbe.MeasureAsync(i, record);
                await emptyProbe.MeasureAsync(i, record);
            }
        }

        return (emptyProbe.Medians(), fullProbe.Medians());
    }

    private sealed class Probe(IOrchestrationClient client)
    {
        private readonly DateTimeOffset since = TimeProvider.System.GetUtcNow().AddHours(-1);
        private readonly List<double> starts = [];
        private readonly List<double> gets = [];
        private readonly List<double> live = [];
        private readonly List<double> byName = [];
        private string? last;

        public async Task MeasureAsync(int i, bool record)
        {
            var t = Stopwatch.GetTimestamp();
            var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.AwaitEventAsync), i);
            Add(starts, t, record);

            t = Stopwatch.GetTimestamp();
            await client.GetInstanceAsync(last ?? id, getInputsAndOutputs: true);
            Add(gets, t, record);

            t = Stopwatch.GetTimestamp();
            await client.QueryInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running], PageSize = 50 });
            Add(live, t, record);

            t = Stopwatch.GetTimestamp();
            await client.QueryInstancesAsync(new OrchestrationQuery { Name = nameof(Workflows.AwaitEventAsync), CreatedFrom = since, PageSize = 50 });
            Add(byName, t, record);
            last = id;
        }

        public Latencies Medians() => new(Median(starts), Median(gets), Median(live), Median(byName));

        private static void Add(List<double> into, long started, bool record)
        {
            if (record)
            {
                into.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        private static double Median(List<double> values)
        {
            values.Sort();
            return LatencyBench.Percentile(values, 0.5);
        }
    }

    /// <summary>Writes <paramref name="count"/> completed instances, each with a one-step history, as the store would hold them.</summary>
    private static void Seed(SqliteDatabase database, int count)
    {
        const int Batch = 100_000;
        var now = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
        var clock = Stopwatch.StartNew();
        for (var from = 0; from < count; from += Batch)
        {
            var to = Math.Min(count, from + Batch);
            database.WriteAsync((connection, transaction) =>
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    WITH RECURSIVE n(i) AS (SELECT $from UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $to)
                    INSERT INTO durable_instances (instance_id, name, status, generation, input, output, created_at, updated_at, completed_at, history_count)
                    SELECT printf('seeded-%08d', i), 'Seeded', 'completed', 0, '1', '6', $now - (i % 2592000) * 1000 - 3600000,
                        $now - (i % 2592000) * 1000 - 3500000, $now - (i % 2592000) * 1000 - 3500000, 4
                    FROM n;
                    WITH RECURSIVE n(i) AS (SELECT $from UNION ALL SELECT i + 1 FROM n WHERE i + 1 < $to)
                    INSERT INTO durable_history (instance_id, seq, generation, event_count, events, at)
                    SELECT printf('seeded-%08d', i), 0, 0, 4,
                        '[{"k":"orchestrator_started","at":1},{"k":"execution_started","n":"Seeded","d":"1","at":1},{"k":"execution_completed","d":"6","at":1},{"k":"orchestrator_completed","at":1}]',
                        $now
                    FROM n;
                    """;
                command.Parameters.AddWithValue("$from", from);
                command.Parameters.AddWithValue("$to", to);
                command.Parameters.AddWithValue("$now", now);
                command.ExecuteNonQuery();
            }, CancellationToken.None).GetAwaiter().GetResult();
        }

        // A host that has run for a while keeps its WAL checkpointed; seeding just wrote hundreds of MB through it.
        using (var connection = database.OpenRead())
        using (var checkpoint = connection.CreateCommand())
        {
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            checkpoint.ExecuteNonQuery();
        }

        Console.WriteLine($"  seeded {count:N0} completed instances in {clock.Elapsed.TotalSeconds:F1} s (then checkpointed the WAL)");
    }
}
