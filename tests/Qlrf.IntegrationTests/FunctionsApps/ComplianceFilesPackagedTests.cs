namespace Qlrf.IntegrationTests.FunctionsApps;

/// <summary>
/// The apps that evaluate compliance carry the framework files in their build output (what is published and deployed),
/// where <c>Qlrf:Compliance:Directory</c> (<c>compliance</c>) finds them beside the app: the repository's files, unchanged.
/// </summary>
public sealed class ComplianceFilesPackagedTests
{
    [Theory]
    [InlineData("Functions.Api")]
    [InlineData("Functions.Discovery")]
    [InlineData("Functions.Orchestration")]
    public void The_app_output_holds_every_framework_file_of_the_repository(string app)
    {
        var output = Path.Combine(Path.GetDirectoryName(FunctionsMetadata.PathOf(app))!, "compliance");
        var shipped = Path.Combine(FunctionsMetadata.RepositoryRoot(), "compliance");

        var files = Directory.GetFiles(shipped, "*.yaml").Select(Path.GetFileName).Order().ToList();
        Assert.NotEmpty(files);
        Assert.Equal(files, Directory.GetFiles(output, "*.yaml").Select(Path.GetFileName).Order());
        Assert.All(files, f => Assert.Equal(File.ReadAllText(Path.Combine(shipped, f!)), File.ReadAllText(Path.Combine(output, f!))));
    }
}
