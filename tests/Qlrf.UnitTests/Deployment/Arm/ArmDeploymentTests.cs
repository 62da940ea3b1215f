using System.Text.Json.Nodes;

namespace Qlrf.UnitTests.Deployment.Arm;

/// <summary>The evaluator the infra tests rely on: what it evaluates, and that it refuses what it cannot.</summary>
public sealed class ArmDeploymentTests
{
    private static ArmDeployment Run(string template, Dictionary<string, object?>? parameters = null) =>
        ArmDeployment.Run(JsonNode.Parse(template)!.AsObject(), parameters ?? []);

    [Fact]
    public void A_nested_deployment_receives_its_parameters_and_its_outputs_feed_its_siblings()
    {
        var deployment = Run("""
        {
          "parameters": { "env": { "type": "string" } },
          "variables": { "names": ["a", "b"] },
          "resources": [
            { "type": "Microsoft.Resources/resourceGroups", "name": "[format('rg-{0}', parameters('env'))]", "location": "x" },
            {
              "type": "Microsoft.Resources/deployments", "name": "[format('make-{0}', variables('names')[copyIndex()])]",
              "copy": { "name": "make", "count": "[length(variables('names'))]" },
              "resourceGroup": "[format('rg-{0}', parameters('env'))]",
              "properties": {
                "expressionEvaluationOptions": { "scope": "inner" },
                "parameters": { "name": { "value": "[variables('names')[copyIndex()]]" } },
                "template": {
                  "parameters": { "name": { "type": "string" }, "size": { "type": "int", "defaultValue": 2 } },
                  "resources": [ { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "name": "[parameters('name')]" } ],
                  "outputs": {
                    "clientId": { "value": "[reference(resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('name')), '2023-01-31').clientId]" },
                    "size": { "value": "[parameters('size')]" }
                  }
                }
              }
            }
          ],
          "outputs": {
            "ids": { "value": "[createArray(reference(extensionResourceId(format('/subscriptions/{0}/resourceGroups/rg-{1}', subscription().subscriptionId, parameters('env')), 'Microsoft.Resources/deployments', 'make-b'), '2025-04-01').outputs.clientId.value)]" },
            "size": { "value": "[reference(resourceId('Microsoft.Resources/deployments', 'make-a')).outputs.size.value]" }
          }
        }
        """, new() { ["env"] = "dev" });

        var identity = Assert.Single(deployment.OfType("Microsoft.ManagedIdentity/userAssignedIdentities"), i => i.Name == "b");
        Assert.Equal($"/subscriptions/{ArmDeployment.SubscriptionId}/resourceGroups/rg-dev/providers/Microsoft.ManagedIdentity/userAssignedIdentities/b", identity.Id);
        Assert.Equal($"{{reference({identity.Id}).clientId}}", (string?)deployment.Outputs["ids"]![0]);
        Assert.Equal(2, (long)deployment.Outputs["size"]!);
    }

    [Fact]
    public void If_evaluates_only_the_branch_it_takes_and_conditions_leave_resources_out()
    {
        var deployment = Run("""
        {
          "parameters": { "on": { "type": "bool", "defaultValue": false } },
          "resources": [ { "type": "Microsoft.Storage/storageAccounts", "name": "st", "condition": "[parameters('on')]" } ],
          "outputs": { "x": { "value": "[if(parameters('on'), reference(resourceId('Microsoft.Resources/deployments', 'missing')).outputs.y.value, 'off')]" } }
        }
        """);

        Assert.Empty(deployment.Resources);
        Assert.Equal("off", (string?)deployment.Outputs["x"]);
    }

    [Fact]
    public void Lambdas_union_and_property_copy_loops_evaluate_as_ARM_does()
    {
        var deployment = Run("""
        {
          "variables": {
            "ids": ["p1", "p2"],
            "pairs": "[map(variables('ids'), lambda('id', createObject('principal', lambdaVariables('id'), 'role', 'r')))]"
          },
          "resources": [],
          "outputs": {
            "pairs": { "value": "[variables('pairs')]" },
            "merged": { "value": "[union(createObject('a', 1, 'n', createObject('x', 1)), createObject('b', 2, 'n', createObject('y', 2)))]" },
            "copied": { "value": { "copy": [ { "name": "items", "count": 2, "input": "[format('i{0}', copyIndex('items'))]" } ] } }
          }
        }
        """);

        Assert.Equal("""[{"principal":"p1","role":"r"},{"principal":"p2","role":"r"}]""", deployment.Outputs["pairs"]!.ToJsonString());
        Assert.Equal("""{"a":1,"n":{"x":1,"y":2},"b":2}""", deployment.Outputs["merged"]!.ToJsonString());
        Assert.Equal("""{"items":["i0","i1"]}""", deployment.Outputs["copied"]!.ToJsonString());
    }

    [Theory]
    [InlineData("[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01').keys[0].value]", typeof(NotSupportedException))]
    [InlineData("[parameters('nope')]", typeof(KeyNotFoundException))]
    [InlineData("[format('{0}', 'unclosed)]", typeof(FormatException))]
    public void What_it_cannot_evaluate_fails_rather_than_passing_unchecked(string expression, Type exception)
    {
        var template = new JsonObject { ["resources"] = new JsonArray(), ["outputs"] = new JsonObject { ["x"] = new JsonObject { ["value"] = expression } } };

        Assert.Throws(exception, () => ArmDeployment.Run(template, new Dictionary<string, object?>()));
    }

    [Fact]
    public void A_parameter_outside_its_allowed_values_is_refused()
    {
        var template = """{ "parameters": { "service": { "type": "string", "allowedValues": ["api"] } }, "resources": [] }""";

        var error = Assert.Throws<InvalidOperationException>(() => Run(template, new() { ["service"] = "web" }));

        Assert.Contains("not one of its allowed values", error.Message, StringComparison.Ordinal);
    }
}
