using System.Diagnostics;

namespace Qlrf.Ui.Tests;

/// <summary>The UI's own component tests (Vitest: the heatmap, the plan and risk view, the rollout progress), run in this test command.</summary>
[Collection(UiCollection.Name)]
public sealed class ComponentTests
{
    [Fact]
    public async Task The_vitest_component_tests_pass()
    {
        var start = new ProcessStartInfo("npm", "test")
        {
            WorkingDirectory = Path.Combine(UiHost.RepositoryRoot, "ui", "control-tower"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["CI"] = "true";
        start.Environment["NO_COLOR"] = "1";
        using var npm = Process.Start(start)!;
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        await npm.WaitForExitAsync();
        var text = await output + await errors;
        Assert.True(npm.ExitCode == 0, $"npm test exited {npm.ExitCode}:{Environment.NewLine}{text}");
        Assert.Matches(@"Tests\s+\d+ passed", text);
        Assert.DoesNotMatch(@"\d+ failed", text);
    }
}
