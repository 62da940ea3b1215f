using System.Text.Json;
using Qlrf.IntegrationTests.Support;

namespace Qlrf.Cli.Tests;

/// <summary><c>qlrf ai</c>: asking, showing and listing tasks are the API's answers; a refused request exits 1.</summary>
public sealed class AiCommandTests(CliHost fixture) : IClassFixture<CliHost>
{
    [Fact]
    public async Task Ask_shows_the_plan_and_results_show_and_list_find_the_task_and_a_refusal_exits_1()
    {
        var asked = await fixture.Cli.RunAsync(fixture.Admin, "ai", "ask", "how ready is DR?", "-o", "json");
        Assert.True(asked.ExitCode == 0, asked.ToString());
        var id = asked.Json.GetProperty("id").GetString()!;
        Assert.Equal("completed", asked.Json.GetProperty("status").GetString());

        var table = await fixture.Cli.RunAsync(fixture.Admin, "ai", "show", id);
        var listed = await fixture.Cli.RunAsync(fixture.Admin, "ai", "list", "-o", "json");
        var refused = await fixture.Cli.RunAsync(fixture.Admin, "ai", "ask", "delete every prod server");

        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("dr_readiness", table.Out, StringComparison.Ordinal);
        Assert.Contains(id, listed.Json.EnumerateArray().Select(t => t.GetProperty("id").GetString()));
        var api = (await fixture.Host.CreateClient().FetchAsync("/api/v1/ai/tasks/" + id)).Json<JsonElement>();
        Assert.Equal(api.GetProperty("summary").GetString(), asked.Json.GetProperty("summary").GetString());
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("refused", refused.Out, StringComparison.Ordinal);
    }
}
