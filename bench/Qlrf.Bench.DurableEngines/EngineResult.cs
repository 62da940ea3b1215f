namespace Qlrf.Bench.DurableEngines;

/// <summary>What one engine measured, handed from its child process to the parent as one JSON line.</summary>
internal sealed record EngineResult
{
    public required string Engine { get; init; }

    public required string Name { get; init; }

    public required string Code { get; init; }

    public required IReadOnlyList<string> Settings { get; init; }

    public required string BoundBy { get; init; }

    public int ProcessorCount { get; init; }

    public double? OrchestrationsPerSecond { get; init; }

    public double? FanOutSeconds { get; init; }

    public double? EventP50Ms { get; init; }

    public double? EventP99Ms { get; init; }

    public int EventSamples { get; init; }

    public List<string> Errors { get; init; } = [];
}
