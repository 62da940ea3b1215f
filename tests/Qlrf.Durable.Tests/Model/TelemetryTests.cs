using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Qlrf.Durable.Tests.Support;
using Qlrf.Orchestration;

namespace Qlrf.Durable.Tests.Model;

/// <summary>The Qlrf.Durable meter: instances by status, queue depths, step and activity latency.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task The_meter_reports_instance_counts_queue_depths_and_latencies()
    {
        await using var host = await DurableHost.StartAsync(r => r
            .AddOrchestrator<object?, string>("Once", async (ctx, _) => await ctx.CallActivityAsync<string>("Work"))
            .AddOrchestrator<object?, string>("Waiter", async (ctx, _) => await ctx.WaitForExternalEvent<string>("never"))
            .AddActivity<object?, string>("Work", (_, _) => Task.FromResult("ok")));
        var scope = host.Services.GetRequiredService<IMeterFactory>();
        var seen = new ConcurrentDictionary<string, double>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == DurableTelemetry.Name && instrument.Meter.Scope == scope)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((i, value, _, _) => seen[i.Name] = value);
        listener.SetMeasurementEventCallback<long>((i, value, tags, _) =>
        {
            var key = tags.Length > 0 ? $"{i.Name}[{tags[0].Value}]" : i.Name;
            seen.AddOrUpdate(key, value, (_, old) => i is Counter<long> ? old + value : value);
        });
        listener.Start();

        await host.WaitAsync(await host.Client.ScheduleNewOrchestrationInstanceAsync("Once"));
        var waiter = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter");
        await DurableHost.UntilAsync(() => host.Client.GetInstanceAsync(waiter).Result!.RuntimeStatus == OrchestrationRuntimeStatus.Running, "the waiter to run");
        listener.RecordObservableInstruments();

        Assert.True(seen.ContainsKey("qlrf.durable.step.duration"));
        Assert.True(seen.ContainsKey("qlrf.durable.activity.duration"));
        Assert.True(seen.GetValueOrDefault("qlrf.durable.steps[completed]") >= 1);
        Assert.Equal(1, seen.GetValueOrDefault("qlrf.durable.instances[completed]"));
        Assert.Equal(1, seen.GetValueOrDefault("qlrf.durable.instances[running]"));
        Assert.True(seen.ContainsKey("qlrf.durable.queue.depth[activities]"));
        Assert.True(seen.ContainsKey("qlrf.durable.queue.depth[timers]"));
    }
}
