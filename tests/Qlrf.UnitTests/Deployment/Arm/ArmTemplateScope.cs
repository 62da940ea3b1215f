using System.Text.Json.Nodes;

namespace Qlrf.UnitTests.Deployment.Arm;

/// <summary>One template being deployed: its parameter values, variables, resources and nested deployments.</summary>
internal sealed partial class ArmTemplateScope
{
    private const string DeploymentType = "Microsoft.Resources/deployments";

    private readonly ArmDeployment deployment;
    private readonly JsonObject template;
    private readonly Dictionary<string, object?> parameterValues = ArmValues.NewObject();
    private readonly Dictionary<string, object?> variableValues = ArmValues.NewObject();
    private readonly HashSet<string> variablesInProgress = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Instance> deployments = new(StringComparer.OrdinalIgnoreCase);
    private readonly string? resourceGroup;
    private readonly string deploymentName;

    public ArmTemplateScope(ArmDeployment deployment, JsonObject template, IReadOnlyDictionary<string, object?> parameters, string? resourceGroup, string deploymentName)
    {
        this.deployment = deployment;
        this.template = template;
        this.resourceGroup = resourceGroup;
        this.deploymentName = deploymentName;
        if (template["languageVersion"] is not null)
        {
            throw new NotSupportedException($"Template language version {template["languageVersion"]} (symbolic names).");
        }

        var declared = template["parameters"]?.AsObject() ?? [];
        foreach (var given in parameters.Keys.Where(k => !declared.ContainsKey(k)))
        {
            throw new InvalidOperationException($"Deployment {deploymentName} is given parameter {given}, which its template does not declare.");
        }

        foreach (var (name, declaration) in declared)
        {
            parameterValues[name] = parameters.TryGetValue(name, out var value) ? value
                : declaration!.AsObject().TryGetPropertyValue("defaultValue", out var defaultValue) ? Evaluate(defaultValue, ArmEnvironment.Empty)
                : throw new InvalidOperationException($"Deployment {deploymentName} has no value for parameter {name}.");
            if (declaration!["allowedValues"] is JsonArray allowed && !allowed.Any(a => ArmValues.AreEqual(ArmValues.FromJson(a), parameterValues[name])))
            {
                throw new InvalidOperationException($"Parameter {name} of {deploymentName} is {ArmValues.Text(parameterValues[name])}, not one of its allowed values.");
            }
        }
    }

    /// <summary>Evaluates every resource (nested deployments recursively) and returns the outputs.</summary>
    public Dictionary<string, object?> Run()
    {
        var instances = Instances().ToList();
        foreach (var instance in instances.Where(i => i.Type.Equals(DeploymentType, StringComparison.OrdinalIgnoreCase)))
        {
            deployments.Add(instance.Name, instance);
        }

        foreach (var instance in instances)
        {
            Deploy(instance);
        }

        var outputs = ArmValues.NewObject();
        foreach (var (name, output) in template["outputs"]?.AsObject() ?? [])
        {
            outputs[name] = Evaluate(output!["value"], ArmEnvironment.Empty);
        }

        return outputs;
    }

    /// <summary>A template value evaluated: expressions in strings (and object keys), property copy loops.</summary>
    public object? Evaluate(JsonNode? node, ArmEnvironment environment)
    {
        switch (node)
        {
            case JsonValue value when value.TryGetValue<string>(out var text):
                return ArmExpression.IsExpression(text) ? Evaluate(ArmExpression.Parse(text), environment)
                    : text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text;
            case JsonArray array:
                return array.Select(item => Evaluate(item, environment)).ToList();
            case JsonObject obj:
                var result = ArmValues.NewObject();
                foreach (var (key, child) in obj)
                {
                    if (key == "copy" && child is JsonArray loops)
                    {
                        foreach (var loop in loops)
                        {
                            var loopName = (string)loop!["name"]!;
                            var count = ArmValues.As<long>(Evaluate(loop["count"], environment), $"The count of loop {loopName}");
                            result[loopName] = Enumerable.Range(0, (int)count).Select(i => Evaluate(loop["input"], environment.WithLoop(loopName, i))).ToList();
                        }
                    }
                    else
                    {
                        result[ArmExpression.IsExpression(key) ? ArmValues.Text(Evaluate(ArmExpression.Parse(key), environment)) : key] = Evaluate(child, environment);
                    }
                }

                return result;
            default:
                return ArmValues.FromJson(node);
        }
    }

    private IEnumerable<Instance> Instances()
    {
        if ((template["resources"] ?? new JsonArray()) is not JsonArray definitions)
        {
            throw new NotSupportedException("Resources given as an object (symbolic names).");
        }

        foreach (var definition in definitions.Select(d => d!.AsObject()))
        {
            var count = definition["copy"] is JsonObject copy ? (int)ArmValues.As<long>(Evaluate(copy["count"], ArmEnvironment.Empty), "A copy count") : (int?)null;
            foreach (var index in count is { } n ? Enumerable.Range(0, n).Select(i => (int?)i) : [null])
            {
                var environment = ArmEnvironment.Empty with { CopyIndex = index };
                if (definition.TryGetPropertyValue("condition", out var condition) && !ArmValues.As<bool>(Evaluate(condition, environment), "A condition"))
                {
                    continue;
                }

                yield return new Instance(definition, environment, (string)definition["type"]!, ArmValues.Text(Evaluate(definition["name"], environment)));
            }
        }
    }

    private Dictionary<string, object?>? Deploy(Instance instance)
    {
        if (instance.State == InstanceState.Done)
        {
            return instance.Outputs;
        }

        if (instance.State == InstanceState.InProgress)
        {
            throw new InvalidOperationException($"Deployment {instance.Name} depends on itself.");
        }

        instance.State = InstanceState.InProgress;
        var body = ArmValues.NewObject();
        // A nested deployment's properties are its template and parameters, deployed below rather than kept.
        foreach (var (key, value) in instance.Definition.Where(p => p.Key is not ("copy" or "condition" or "dependsOn")))
        {
            if (!(instance.IsDeployment && key == "properties"))
            {
                body[key] = Evaluate(value, instance.Environment);
            }
        }

        if (instance.IsDeployment)
        {
            instance.Outputs = DeployNested(instance, body);
        }

        deployment.Add(new ArmResource(instance.Type, instance.Name, IdOf(instance.Type, instance.Name, body), ArmValues.ToJson(body)!.AsObject()));
        instance.State = InstanceState.Done;
        return instance.Outputs;
    }

    private Dictionary<string, object?> DeployNested(Instance instance, Dictionary<string, object?> body)
    {
        var properties = instance.Definition["properties"]!.AsObject();
        if ((string?)properties["expressionEvaluationOptions"]?["scope"] != "inner" || properties["template"] is not JsonObject nested)
        {
            throw new NotSupportedException($"Nested deployment {instance.Name} without an inline template of inner scope.");
        }

        var parameters = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, given) in properties["parameters"]?.AsObject() ?? [])
        {
            var value = ArmValues.As<Dictionary<string, object?>>(Evaluate(given, instance.Environment), $"Parameter {name} of {instance.Name}");
            parameters[name] = value["value"];
        }

        var group = body.TryGetValue("resourceGroup", out var rg) ? ArmValues.Text(rg) : resourceGroup;
        return new ArmTemplateScope(deployment, nested, parameters, group, instance.Name).Run();
    }

    private string IdOf(string type, string name, Dictionary<string, object?> body)
    {
        if (body.TryGetValue("scope", out var scope))
        {
            var target = ArmValues.Text(scope);
            return ResourceId(target.StartsWith('/') ? target : $"{ScopeId(resourceGroup)}/providers/{target}", type, name.Split('/'));
        }

        if (type.Equals("Microsoft.Resources/resourceGroups", StringComparison.OrdinalIgnoreCase))
        {
            return ScopeId(name);
        }

        var group = body.TryGetValue("resourceGroup", out var rg) ? ArmValues.Text(rg) : resourceGroup;
        return ResourceId(ScopeId(group), type, name.Split('/'));
    }

    private static string ScopeId(string? group) =>
        group is null ? $"/subscriptions/{ArmDeployment.SubscriptionId}" : $"/subscriptions/{ArmDeployment.SubscriptionId}/resourceGroups/{group}";

    private static string ResourceId(string scope, string type, IReadOnlyList<string> names)
    {
        var segments = type.Split('/');
        if (segments.Length - 1 != names.Count)
        {
            throw new InvalidOperationException($"Type {type} takes {segments.Length - 1} names, given {string.Join('/', names)}.");
        }

        return $"{scope}/providers/{segments[0]}" + string.Concat(segments.Skip(1).Zip(names, (t, n) => $"/{t}/{n}"));
    }

    private enum InstanceState
    {
        NotStarted,
        InProgress,
        Done,
    }

    private sealed class Instance(JsonObject definition, ArmEnvironment environment, string type, string name)
    {
        public JsonObject Definition { get; } = definition;

        public ArmEnvironment Environment { get; } = environment;

        public string Type { get; } = type;

        public string Name { get; } = name;

        public bool IsDeployment => Type.Equals(DeploymentType, StringComparison.OrdinalIgnoreCase);

        public InstanceState State { get; set; }

        public Dictionary<string, object?>? Outputs { get; set; }
    }
}
