using System.Text.Json.Nodes;

namespace Qlrf.UnitTests.Deployment;

/// <summary>
/// <c>azure.yaml</c> is valid for azd (against Fixtures/azure.yaml.schema.json: the rules of azd's published v1.0 schema
/// for the parts we use, rewritten as a subset) and deploys the three apps.
/// </summary>
public sealed class AzureYamlTests
{
    private static readonly JsonSchemaSubset Schema = new(JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Deployment", "Fixtures", "azure.yaml.schema.json")))!);

    private static JsonNode AzureYaml => YamlAsJson.Read(Repository.Read("azure.yaml"))!;

    [Fact]
    public void Azure_yaml_is_valid_against_the_subset_of_azds_published_schema()
    {
        var errors = Schema.Validate(AzureYaml);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors));
    }

    [Fact]
    public void Azure_yaml_deploys_each_Functions_project_as_a_dotnet_function_to_the_app_tagged_with_its_service_name()
    {
        var services = AzureYaml["services"]!.AsObject().Where(s => (string?)s.Value!["host"] == "function").ToList();
        var apps = InfraTemplate.Defaults.Apps();

        Assert.Equal(["api", "discovery", "orchestration"], services.Select(s => s.Key).Order());
        Assert.Equal(services.Select(s => s.Key).Order(), apps.Keys.Order());
        foreach (var (name, service) in services)
        {
            Assert.Equal("function", (string?)service!["host"]);
            Assert.Equal("dotnet", (string?)service["language"]);
            var project = Repository.PathOf(((string)service["project"]!).TrimStart('.', '/').Split('/'));
            Assert.Single(Directory.GetFiles(project, "Qlrf.Functions.*.csproj"));
            Assert.Equal("functionapp,linux", (string?)apps[name].Site.Body["kind"]);
            Assert.Equal($"func-{name}-", apps[name].Site.Name[..(name.Length + 6)]);
        }
    }

    [Fact]
    public void Azure_yaml_deploys_the_Control_Tower_to_the_static_web_app_that_serves_the_api_app_at_its_origin()
    {
        var web = AzureYaml["services"]!["web"]!;
        var deployment = InfraTemplate.Defaults;

        Assert.Equal(["api", "discovery", "orchestration", "web"], AzureYaml["services"]!.AsObject().Select(s => s.Key).Order());
        Assert.Equal("staticwebapp", (string?)web["host"]);
        Assert.Equal("js", (string?)web["language"]);
        Assert.Equal("dist", (string?)web["dist"]);
        Assert.True(File.Exists(Path.Combine(Repository.PathOf(((string)web["project"]!).TrimStart('.', '/').Split('/')), "package.json")));
        var site = Assert.Single(deployment.OfType("Microsoft.Web/staticSites"));
        Assert.Equal("web", (string?)site.Tags!["azd-service-name"]);
        var backend = Assert.Single(deployment.OfType("Microsoft.Web/staticSites/linkedBackends"));
        Assert.Equal(deployment.Apps()["api"].Site.Id, (string?)backend.Properties!["backendResourceId"]);
    }

    [Fact]
    public void Azure_yaml_needs_no_hooks_nor_build_switches_to_deploy()
    {
        Assert.Null(AzureYaml["hooks"]);
        Assert.DoesNotContain("AzureFunctions", Repository.Read("azure.yaml"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("name: QL-RF\nservices:\n  api:\n    project: ./src/Functions.Api\n    host: function\n", "$.name: 'QL-RF' does not match")]
    [InlineData("name: ql-rf\nservices:\n  api:\n    language: dotnet\n    host: function\n", "$.services.api: lacks 'project'")]
    [InlineData("name: ql-rf\nservices:\n  api:\n    project: ./src/Functions.Api\n    host: function\n    image: qlrf/api:1\n", "$.services.api.image: is not allowed here")]
    [InlineData("name: ql-rf\nservices: {}\n", "$.services: needs at least 1 properties")]
    [InlineData("name: ql-rf\nhooks:\n  prepackage:\n    shell: bash\n    run: make\n", "$.hooks.prepackage: matches none of anyOf")]
    public void The_validator_rejects_what_azd_rejects(string yaml, string error)
    {
        var errors = Schema.Validate(YamlAsJson.Read(yaml));

        Assert.Contains(errors, e => e.StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void The_validator_refuses_a_keyword_it_does_not_know_rather_than_pass_it_unchecked()
    {
        var schema = new JsonSchemaSubset(JsonNode.Parse("""{ "type": "string", "format": "uri" }""")!);

        Assert.Throws<NotSupportedException>(() => schema.Validate(JsonValue.Create("x")));
    }
}
