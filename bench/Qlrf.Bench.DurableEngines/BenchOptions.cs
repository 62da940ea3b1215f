using System.Globalization;

namespace Qlrf.Bench.DurableEngines;

/// <summary>The command line: sizes, which engines, and the settings that shape (b) and (c).</summary>
internal sealed record BenchOptions
{
    public const string Usage = """
        dotnet run -c Release --project bench/Qlrf.Bench.DurableEngines [-- options]
          --engines LIST            embedded,testhost,azure (default: all three)
          --orchestrations N        five-activity sequential orchestrations for throughput (default 300)
          --fanout N                activities in the fan-out (default 1000)
          --samples N               external-event round trips measured (default 100, after N/10 warm-up)
          --testhost-processors N   DOTNET_PROCESSOR_COUNT for the InProcessTestHost child process (default 1024)
          --azure-polling-ms N      MaxQueuePollingInterval of the Azure Storage backend (default 1000)
          --status-poll-ms N        how often the Azure Storage run polls an instance's status (default 10)
          --timeout-s N             give up on one scenario on one engine after this long (default 300)
        """;

    public IReadOnlyList<string> Engines { get; init; } = ["embedded", "testhost", "azure"];

    public int Orchestrations { get; init; } = 300;

    public int FanOut { get; init; } = 1000;

    public int Samples { get; init; } = 100;

    public int TestHostProcessors { get; init; } = 1024;

    public int AzurePollingMs { get; init; } = 1000;

    public int StatusPollMs { get; init; } = 10;

    public int TimeoutSeconds { get; init; } = 300;

    /// <summary>Set in a child process: the one engine it measures.</summary>
    public string? Engine { get; init; }

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--engines" => options with { Engines = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) },
                "--orchestrations" => options with { Orchestrations = Int(value) },
                "--fanout" => options with { FanOut = Int(value) },
                "--samples" => options with { Samples = Int(value) },
                "--testhost-processors" => options with { TestHostProcessors = Int(value) },
                "--azure-polling-ms" => options with { AzurePollingMs = Int(value) },
                "--status-poll-ms" => options with { StatusPollMs = Int(value) },
                "--timeout-s" => options with { TimeoutSeconds = Int(value) },
                "--engine" => options with { Engine = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}.\n{Usage}"),
            };
            i++;
        }

        return options;
    }

    /// <summary>The arguments that hand these options to a child process measuring <paramref name="engine"/>.</summary>
    public IEnumerable<string> ForChild(string engine) =>
    [
        "--engine", engine,
        "--orchestrations", Str(Orchestrations), "--fanout", Str(FanOut), "--samples", Str(Samples),
        "--azure-polling-ms", Str(AzurePollingMs), "--status-poll-ms", Str(StatusPollMs), "--timeout-s", Str(TimeoutSeconds),
    ];

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture) is var n and > 0
        ? n
        : throw new ArgumentException($"'{value}' is not a positive number.");

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
