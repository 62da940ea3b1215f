using System.Text.Json.Nodes;

namespace Qlrf.UnitTests.Deployment.Arm;

/// <summary>A resource the deployment would create or update: its evaluated definition (copy, condition and dependsOn resolved away).</summary>
public sealed record ArmResource(string Type, string Name, string Id, JsonObject Body)
{
    public JsonObject? Properties => Body["properties"] as JsonObject;

    public JsonObject? Tags => Body["tags"] as JsonObject;
}

/// <summary>
/// A subscription-scope ARM template (as Bicep compiles it: language version 1, nested deployments with inner scope)
/// deployed on paper: parameters, variables, copy loops, conditions, nested deployments and their outputs are
/// evaluated as Azure Resource Manager would, with fixed subscription and tenant ids and the public cloud's
/// environment; runtime properties of real resources stay <see cref="RuntimeValue"/>s. A function or construct it
/// does not implement throws <see cref="NotSupportedException"/>, so nothing passes unchecked.
/// </summary>
public sealed class ArmDeployment
{
    public const string SubscriptionId = "00000000-0000-0000-0000-00000000aaaa";
    public const string TenantId = "00000000-0000-0000-0000-00000000bbbb";

    private readonly List<ArmResource> resources = [];

    private ArmDeployment()
    {
    }

    /// <summary>Every resource, those of nested deployments included, in the order they were evaluated.</summary>
    public IReadOnlyList<ArmResource> Resources => resources;

    public IReadOnlyDictionary<string, JsonNode?> Outputs { get; private set; } = new Dictionary<string, JsonNode?>();

    public static ArmDeployment Run(JsonObject template, IReadOnlyDictionary<string, object?> parameters, string name = "main")
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(parameters);
        var deployment = new ArmDeployment();
        var outputs = new ArmTemplateScope(deployment, template, parameters, resourceGroup: null, name).Run();
        deployment.Outputs = outputs.ToDictionary(o => o.Key, o => ArmValues.ToJson(o.Value), StringComparer.OrdinalIgnoreCase);
        return deployment;
    }

    public IEnumerable<ArmResource> OfType(string type) =>
        resources.Where(r => string.Equals(r.Type, type, StringComparison.OrdinalIgnoreCase));

    internal void Add(ArmResource resource) => resources.Add(resource);
}
