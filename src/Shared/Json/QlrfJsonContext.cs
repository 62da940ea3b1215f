using System.Text.Json.Serialization;
using Qlrf.Discovery;
using Qlrf.Inventory;

namespace Qlrf.Json;

/// <summary>Source-generated serializers for the hot paths (queue messages, stored assets).</summary>
[JsonSerializable(typeof(AssetChanged))]
[JsonSerializable(typeof(Asset))]
[JsonSerializable(typeof(SweepRun))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<SweepError>))]
[JsonSerializable(typeof(SweepCounts))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
public sealed partial class QlrfJsonContext : JsonSerializerContext;
