using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Qlrf.Api.Images;

/// <summary>Traces and metrics of the image registry: <c>Qlrf.Images</c>.</summary>
public static class ImagesTelemetry
{
    public const string Name = "Qlrf.Images";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Transitions = Meter.CreateCounter<long>("qlrf.images.transitions", description: "Lifecycle transitions recorded, by target status.");

    public static readonly Counter<long> Imports = Meter.CreateCounter<long>("qlrf.images.imports", description: "Scanner reports and SBOMs imported, by format and outcome.");
}
