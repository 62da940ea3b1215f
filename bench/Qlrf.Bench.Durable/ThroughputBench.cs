using System.Diagnostics;
using Qlrf.Orchestration;
using Qlrf.Store.Sqlite;

namespace Qlrf.Bench.Durable;

/// <summary>Five-activity sequential orchestrations per second, and the raw committed-transaction rate of the same store.</summary>
internal static class ThroughputBench
{
    public static async Task<(double OrchestrationsPerSecond, double TransactionsPerSecond)> RunAsync(int orchestrations)
    {
        await using var host = await BenchHost.StartAsync(Workflows.Register);
        var rawRate = await RawTransactionsPerSecondAsync(host.Database, TimeSpan.FromSeconds(3));

        var writesBefore = host.Database.WriteCount;
        var clock = Stopwatch.StartNew();
        var ids = await Task.WhenAll(Enumerable.Range(0, orchestrations).Select(i =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(Workflows.FiveActivitiesAsync), i)));

        Console.WriteLine($"  scheduled {orchestrations} in {clock.Elapsed.TotalSeconds:F2} s");
        foreach (var id in ids)
        {
            var state = await host.Client.WaitForInstanceCompletionAsync(id);
            if (state.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            {
                throw new InvalidOperationException($"Instance {id} ended {state.RuntimeStatus}.");
            }
        }

        clock.Stop();
        var rate = orchestrations / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"  {orchestrations} orchestrations in {clock.Elapsed.TotalSeconds:F2} s using {host.Database.WriteCount - writesBefore} write transactions");
        return (rate, rawRate);
    }

    /// <summary>Single-row insert transactions committed one after another through the store's writer, for a while.</summary>
    public static async Task<double> RawTransactionsPerSecondAsync(SqliteDatabase database, TimeSpan duration)
    {
        await database.WriteAsync((c, t) =>
        {
            using var create = c.CreateCommand();
            create.Transaction = t;
            create.CommandText = "CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, value TEXT NOT NULL)";
            create.ExecuteNonQuery();
        }, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        long count = 0;
        while (clock.Elapsed < duration)
        {
            await database.WriteAsync((c, t) =>
            {
                using var insert = c.CreateCommand();
                insert.Transaction = t;
                insert.CommandText = "INSERT INTO bench_raw (value) VALUES ($v)";
                insert.Parameters.AddWithValue("$v", "x");
                insert.ExecuteNonQuery();
            }, CancellationToken.None);
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
