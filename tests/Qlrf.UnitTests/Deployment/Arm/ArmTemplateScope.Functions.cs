using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Qlrf.UnitTests.Deployment.Arm;

/// <summary>The template functions: those Bicep's output uses here, each as ARM documents it.</summary>
internal sealed partial class ArmTemplateScope
{
    public object? Evaluate(ArmExpression expression, ArmEnvironment environment) => expression switch
    {
        ArmLiteral literal => literal.Value,
        ArmMember member => Member(Evaluate(member.Target, environment), member.Name),
        ArmIndex index => Member(Evaluate(index.Target, environment), Evaluate(index.Index, environment)),
        ArmCall call => Call(call, environment),
        _ => throw new NotSupportedException(expression.GetType().Name),
    };

    private static object? Member(object? target, object? key) => (target, key) switch
    {
        (RuntimeValue runtime, string name) => new RuntimeValue($"{runtime.Expression}.{name}"),
        (RuntimeValue runtime, _) => new RuntimeValue($"{runtime.Expression}[{ArmValues.Text(key)}]"),
        (Dictionary<string, object?> obj, string name) => obj.TryGetValue(name, out var value) ? value
            : throw new KeyNotFoundException($"The object has no property {name} (it has {string.Join(", ", obj.Keys)})."),
        (List<object?> list, long i) => i >= 0 && i < list.Count ? list[(int)i] : throw new InvalidOperationException($"Index {i} of {list.Count} items."),
        _ => throw new InvalidOperationException($"Cannot read [{ArmValues.Text(key)}] of {ArmValues.Text(target)}."),
    };

    private object? Call(ArmCall call, ArmEnvironment environment)
    {
        var name = call.Name.ToLowerInvariant();
        switch (name)
        {
            // Evaluated lazily, as ARM does: the branch not taken may reference a deployment that is not deployed.
            case "if":
                return Evaluate(call.Arguments[ArmValues.As<bool>(Evaluate(call.Arguments[0], environment), "if's condition") ? 1 : 2], environment);
            case "and":
                return call.Arguments.All(a => ArmValues.As<bool>(Evaluate(a, environment), "and's argument"));
            case "or":
                return call.Arguments.Any(a => ArmValues.As<bool>(Evaluate(a, environment), "or's argument"));
            case "coalesce":
                return call.Arguments.Select(a => Evaluate(a, environment)).FirstOrDefault(v => v is not null);
            case "lambda":
                return new ArmLambda(call.Arguments.SkipLast(1).Select(a => (string)((ArmLiteral)a).Value).ToList(), call.Arguments[^1], environment);
            default:
                return Apply(name, call.Arguments.Select(a => Evaluate(a, environment)).ToList(), environment);
        }
    }

    private object? Apply(string name, List<object?> args, ArmEnvironment environment) => name switch
    {
        "parameters" => parameterValues.TryGetValue(Str(args[0]), out var p) ? p : throw new KeyNotFoundException($"No parameter {args[0]} in {deploymentName}."),
        "variables" => Variable(Str(args[0])),
        "copyindex" => CopyIndex(args, environment),
        "lambdavariables" => environment.LambdaVariables.TryGetValue(Str(args[0]), out var v) ? v : throw new KeyNotFoundException($"No lambda variable {args[0]}."),
        "map" => List(args[0]).Select(item => Invoke(args[1], item)).ToList(),
        "filter" => List(args[0]).Where(item => ArmValues.As<bool>(Invoke(args[1], item), "filter's predicate")).ToList(),
        "true" => true,
        "false" => false,
        "null" => null,
        "not" => !ArmValues.As<bool>(args[0], "not's argument"),
        "equals" => ArmValues.AreEqual(args[0], args[1]),
        "empty" => ArmValues.IsEmpty(args[0]),
        "length" => (long)(args[0] switch
        {
            string s => s.Length,
            List<object?> list => list.Count,
            Dictionary<string, object?> obj => obj.Count,
            _ => throw new InvalidOperationException($"length of {ArmValues.Text(args[0])}"),
        }),
        "contains" => args[0] switch
        {
            string s => s.Contains(Str(args[1]), StringComparison.OrdinalIgnoreCase),
            List<object?> list => list.Any(item => ArmValues.AreEqual(item, args[1])),
            Dictionary<string, object?> obj => obj.ContainsKey(Str(args[1])),
            _ => throw new InvalidOperationException($"contains on {ArmValues.Text(args[0])}"),
        },
        "startswith" => Str(args[0]).StartsWith(Str(args[1]), StringComparison.OrdinalIgnoreCase),
        "endswith" => Str(args[0]).EndsWith(Str(args[1]), StringComparison.OrdinalIgnoreCase),
        "tolower" => Str(args[0]).ToLowerInvariant(),
        "toupper" => Str(args[0]).ToUpperInvariant(),
        "string" => ArmValues.Text(args[0]),
        "format" => Format(Str(args[0]), args.Skip(1).ToList()),
        "concat" => args.Count > 0 && args[0] is List<object?> ? args.SelectMany(List).ToList() : string.Concat(args.Select(ArmValues.Text)),
        "union" => args.Aggregate(Union),
        "createobject" => Enumerable.Range(0, args.Count / 2).ToDictionary(i => Str(args[2 * i]), i => args[(2 * i) + 1], StringComparer.OrdinalIgnoreCase),
        "createarray" => args,
        "uniquestring" => UniqueString(args),
        "guid" => Guid(args),
        "subscription" => Obj(("id", ScopeId(null)), ("subscriptionId", ArmDeployment.SubscriptionId), ("tenantId", ArmDeployment.TenantId), ("displayName", "subscription")),
        "tenant" => Obj(("tenantId", ArmDeployment.TenantId), ("displayName", "tenant")),
        "resourcegroup" => Obj(("id", ScopeId(resourceGroup ?? throw new InvalidOperationException("resourceGroup() at subscription scope."))), ("name", resourceGroup), ("location", new RuntimeValue("resourceGroup().location"))),
        "deployment" => Obj(("name", deploymentName), ("location", new RuntimeValue("deployment().location"))),
        "environment" => Obj(("name", "AzureCloud"), ("suffixes", Obj(("storage", "core.windows.net"), ("keyvaultDns", ".vault.azure.net")))),
        "resourceid" => ResourceIdFunction(args),
        "subscriptionresourceid" => args.Count > 0 && Str(args[0]).Contains('/', StringComparison.Ordinal)
            ? ResourceId(ScopeId(null), Str(args[0]), args.Skip(1).Select(Str).ToList())
            : ResourceId($"/subscriptions/{Str(args[0])}", Str(args[1]), args.Skip(2).Select(Str).ToList()),
        "extensionresourceid" => ResourceId(Str(args[0]), Str(args[1]), args.Skip(2).Select(Str).ToList()),
        "reference" => Reference(Str(args[0])),
        _ => throw new NotSupportedException($"ARM function {name}() is not implemented by this evaluator."),
    };

    private object? Variable(string name)
    {
        if (variableValues.TryGetValue(name, out var value))
        {
            return value;
        }

        if (template["variables"]?[name] is not { } definition)
        {
            throw new KeyNotFoundException($"No variable {name} in {deploymentName}.");
        }

        if (!variablesInProgress.Add(name))
        {
            throw new InvalidOperationException($"Variable {name} depends on itself.");
        }

        value = Evaluate(definition, ArmEnvironment.Empty);
        variableValues[name] = value;
        return value;
    }

    private static long CopyIndex(List<object?> args, ArmEnvironment environment)
    {
        var loop = args.Count > 0 && args[0] is string s ? s : null;
        var offset = args.OfType<long>().FirstOrDefault();
        var index = loop is null
            ? environment.CopyIndex ?? throw new InvalidOperationException("copyIndex() outside a copy loop.")
            : environment.Loops.TryGetValue(loop, out var i) ? i : throw new InvalidOperationException($"copyIndex('{loop}') outside that loop.");
        return index + offset;
    }

    private object? Invoke(object? lambda, params object?[] args)
    {
        var function = ArmValues.As<ArmLambda>(lambda, "A lambda");
        return Evaluate(function.Body, function.Environment.WithLambdaVariables(function.Parameters.Zip(args, KeyValuePair.Create)));
    }

    private object? Reference(string id)
    {
        const string marker = "/providers/Microsoft.Resources/deployments/";
        var at = id.LastIndexOf(marker, StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return new RuntimeValue($"reference({id})");
        }

        var name = id[(at + marker.Length)..];
        var instance = deployments.TryGetValue(name, out var found) ? found
            : throw new InvalidOperationException($"reference() to deployment {name}, which {deploymentName} does not deploy.");
        var outputs = Deploy(instance)!;
        return Obj(("outputs", outputs.ToDictionary(o => o.Key, o => (object?)Obj(("value", o.Value)), StringComparer.OrdinalIgnoreCase)));
    }

    private string ResourceIdFunction(List<object?> args)
    {
        var strings = args.Select(Str).ToList();
        var typeAt = strings.FindIndex(s => s.Contains('/', StringComparison.Ordinal));
        var scope = typeAt switch
        {
            0 => ScopeId(resourceGroup),
            1 => ScopeId(strings[0]),
            2 => $"/subscriptions/{strings[0]}/resourceGroups/{strings[1]}",
            _ => throw new InvalidOperationException($"resourceId({string.Join(", ", strings)})"),
        };
        return ResourceId(scope, strings[typeAt], strings.Skip(typeAt + 1).ToList());
    }

    private static object? Union(object? a, object? b) => (a, b) switch
    {
        (Dictionary<string, object?> x, Dictionary<string, object?> y) => y.Aggregate(new Dictionary<string, object?>(x, StringComparer.OrdinalIgnoreCase), (merged, p) =>
        {
            merged[p.Key] = merged.TryGetValue(p.Key, out var existing) && existing is Dictionary<string, object?> && p.Value is Dictionary<string, object?> ? Union(existing, p.Value) : p.Value;
            return merged;
        }),
        (List<object?> x, List<object?> y) => x.Concat(y.Where(item => !x.Any(e => ArmValues.AreEqual(e, item)))).ToList(),
        _ => throw new InvalidOperationException($"union of {ArmValues.Text(a)} and {ArmValues.Text(b)}"),
    };

    private static string Format(string format, List<object?> args) =>
        FormatHole().Replace(format.Replace("{{", "\u0001", StringComparison.Ordinal).Replace("}}", "\u0002", StringComparison.Ordinal), m =>
        {
            var value = args[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)];
            return m.Groups[2].Success && value is long n ? n.ToString(m.Groups[2].Value, CultureInfo.InvariantCulture) : ArmValues.Text(value);
        }).Replace('\u0001', '{').Replace('\u0002', '}');

    // Deterministic stand-ins: ARM's own hashes are not public, and nothing here depends on their exact values.
    private static string UniqueString(List<object?> args) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', args.Select(ArmValues.Text)))))[..13];

    private static string Guid(List<object?> args) =>
        new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('|', args.Select(ArmValues.Text))))[..16]).ToString("D");

    private static string Str(object? value) => ArmValues.As<string>(value, "An argument");

    private static List<object?> List(object? value) => ArmValues.As<List<object?>>(value, "An argument");

    private static Dictionary<string, object?> Obj(params (string Key, object? Value)[] properties) =>
        properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex(@"\{(\d+)(?::([^}]*))?\}")]
    private static partial Regex FormatHole();
}
