using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Qlrf.UnitTests.Deployment.Arm;

/// <summary>
/// A value only a real deployment knows, such as an identity's client id: kept as the reference that reads it, e.g.
/// <c>{reference(/subscriptions/…/userAssignedIdentities/id-api-x).clientId}</c>, so tests can tell where it comes from.
/// Reading a property of it or indexing it gives another such value; it counts as not empty.
/// </summary>
public sealed record RuntimeValue(string Expression)
{
    public override string ToString() => "{" + Expression + "}";
}

/// <summary>A <c>lambda(...)</c> of <c>map</c> or <c>filter</c>, with the loop and lambda variables in scope where it was written.</summary>
internal sealed record ArmLambda(IReadOnlyList<string> Parameters, ArmExpression Body, ArmEnvironment Environment);

/// <summary>The copy loops and lambda variables an expression is evaluated in.</summary>
internal sealed record ArmEnvironment(int? CopyIndex, IReadOnlyDictionary<string, int> Loops, IReadOnlyDictionary<string, object?> LambdaVariables)
{
    public static ArmEnvironment Empty { get; } = new(null, new Dictionary<string, int>(), new Dictionary<string, object?>());

    public ArmEnvironment WithLoop(string name, int index) =>
        this with { Loops = new Dictionary<string, int>(Loops, StringComparer.OrdinalIgnoreCase) { [name] = index } };

    public ArmEnvironment WithLambdaVariables(IEnumerable<KeyValuePair<string, object?>> variables)
    {
        var inScope = new Dictionary<string, object?>(LambdaVariables, StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            inScope[name] = value;
        }

        return this with { LambdaVariables = inScope };
    }
}

/// <summary>
/// Values as the evaluator holds them: string, long, bool, null, <see cref="List{T}"/> of values,
/// <see cref="Dictionary{TKey,TValue}"/> with case-insensitive keys (as ARM's), <see cref="RuntimeValue"/>.
/// </summary>
internal static class ArmValues
{
    public static Dictionary<string, object?> NewObject() => new(StringComparer.OrdinalIgnoreCase);

    public static string Text(object? value) => value switch
    {
        null => string.Empty,
        string s => s,
        long n => n.ToString(CultureInfo.InvariantCulture),
        bool b => b ? "True" : "False",
        RuntimeValue r => r.ToString(),
        _ => ToJson(value)!.ToJsonString(),
    };

    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long n => JsonValue.Create(n),
        bool b => JsonValue.Create(b),
        RuntimeValue r => JsonValue.Create(r.ToString()),
        List<object?> list => new JsonArray(list.Select(ToJson).ToArray()),
        Dictionary<string, object?> obj => new JsonObject(obj.Select(p => KeyValuePair.Create(p.Key, ToJson(p.Value)))),
        _ => throw new NotSupportedException($"A {value.GetType().Name} is no JSON value."),
    };

    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonArray array => array.Select(FromJson).ToList(),
        JsonObject obj => obj.ToDictionary(p => p.Key, p => FromJson(p.Value), StringComparer.OrdinalIgnoreCase),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<long>(),
        _ => throw new NotSupportedException($"JSON value {node.ToJsonString()}"),
    };

    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        List<object?> list => list.Count == 0,
        Dictionary<string, object?> obj => obj.Count == 0,
        _ => false,
    };

    public static bool AreEqual(object? a, object? b) =>
        a is string sa && b is string sb ? string.Equals(sa, sb, StringComparison.OrdinalIgnoreCase) : JsonNode.DeepEquals(ToJson(a), ToJson(b));

    public static T As<T>(object? value, string what) =>
        value is T typed ? typed : throw new InvalidOperationException($"{what} is {Text(value)}, not a {typeof(T).Name}.");
}
