using Qlrf.Bench.DurableEngines;

// dotnet run -c Release --project bench/Qlrf.Bench.DurableEngines [-- --orchestrations N --fanout N --samples N ...]
// The same scenarios on (a) the embedded runtime, (b) InProcessTestHost, (c) DurableTask.Core on Azurite, each engine
// in a child process of this program (see ChildProcesses); the parent prints the table.
var options = BenchOptions.Parse(args);
if (options.Engine is not null)
{
    return await EngineRun.RunAsync(options);
}

Console.WriteLine($"QL-RF durable engines side by side ({TimeProvider.System.GetLocalNow():yyyy-MM-dd HH:mm})");
foreach (var line in MachineInfo.Describe())
{
    Console.WriteLine($"  {line}");
}

Console.WriteLine($"  InProcessTestHost child runs with DOTNET_PROCESSOR_COUNT={options.TestHostProcessors}; the others see the machine's {Environment.ProcessorCount}");
var results = new List<EngineResult>();
foreach (var engine in options.Engines)
{
    Console.WriteLine();
    if (await ChildProcesses.RunAsync(engine, options) is { } result)
    {
        results.Add(result);
    }
}

Report.Print(options, results);
Console.WriteLine($"load average at end (1/5/15 min): {MachineInfo.LoadAverage()}");
return results.Count == options.Engines.Count && results.All(r => r.Errors.Count == 0) ? 0 : 1;
