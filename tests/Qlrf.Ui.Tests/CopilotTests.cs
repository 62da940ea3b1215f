using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Qlrf.Ui.Tests;

/// <summary>The copilot in the browser: a prompt, its plan and validation, the decision, and the rollout it proposes followed to its end.</summary>
[Collection(UiCollection.Name)]
public sealed partial class CopilotTests(ControlTowerFixture fixture)
{
    // Three staging api servers in azure-westeurope run ubuntu-2204-base; no other browser test touches them.
    private const string Prompt = "Upgrade the staging api servers in azure-westeurope to ubuntu-2204-base 2026.10.1, canary first, no wait between waves";

    [Fact]
    public async Task A_copilot_prompt_proposes_a_rollout_that_is_approved_and_completes()
    {
        var page = await Browser.SignInAsync(fixture, fixture.Host.BootstrapKey);
        await page.GetByRole(AriaRole.Link, new() { Name = "Copilot", Exact = true }).ClickAsync();
        await page.GetByLabel("Prompt").FillAsync(Prompt);
        await Browser.AssertAccessibleAsync(page, "the copilot page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ask the copilot" }).ClickAsync();
        await page.WaitForURLAsync(TaskPath());
        var id = Uri.UnescapeDataString(TaskPath().Match(page.Url).Groups[1].Value);

        // The plan: a dry run and a proposal, validated, waiting for a person.
        var status = page.GetByTestId("task-status");
        await ControlTowerFixture.WaitAsync(async () => await status.GetAttributeAsync("data-status") == "awaiting_approval", "the plan to wait for approval");
        var task = await fixture.GetAsync("/api/v1/ai/tasks/" + Uri.EscapeDataString(id));
        var tools = task["plan"]!["toolCalls"]!.AsArray().Select(c => c!["tool"]!.GetValue<string>()).ToList();
        Assert.Contains("propose_rollout", tools);
        Assert.Equal(tools, await page.GetByTestId("tool-call").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.tool)"));
        Assert.Equal("true", await page.GetByTestId("validation").GetAttributeAsync("data-passed"));
        Assert.Equal(0, await page.GetByTestId("proposal").CountAsync());
        await Browser.ScreenshotAsync(page, "copilot-plan");
        await Browser.AssertAccessibleAsync(page, "a copilot plan awaiting approval");

        // A second user approves the plan in their own browser; the proposal becomes a rollout.
        var approver = await Browser.SignInAsync(fixture, fixture.Engineer);
        await approver.GotoAsync("/copilot/" + Uri.EscapeDataString(id));
        await approver.GetByRole(AriaRole.Button, new() { Name = "Approve the copilot's plan" }).ClickAsync();
        await approver.GetByLabel("Comment").FillAsync("CAB-5150: copilot plan approved");
        await approver.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        var proposal = page.Locator("[data-testid=proposal][data-kind=rollout]");
        await proposal.WaitForAsync();
        var rolloutId = (await proposal.GetAttributeAsync("data-id"))!;
        Assert.False(string.IsNullOrEmpty(rolloutId));

        // The rollout waits for its own approval (the requester's, so someone else's), then runs to its end.
        await ControlTowerFixture.WaitAsync(async () => (await fixture.GetAsync("/api/v1/rollouts/" + Uri.EscapeDataString(rolloutId)))["rollout"]!["status"]!.GetValue<string>() == "awaiting_approval",
            "the proposed rollout to wait for its approval");
        using (var engineer = fixture.Host.Api(fixture.Engineer))
        {
            using var approved = await engineer.PostAsJsonAsync($"/api/v1/rollouts/{Uri.EscapeDataString(rolloutId)}/approve", new { comment = "CAB-5150" });
            Assert.True(approved.IsSuccessStatusCode, $"approving the rollout: {(int)approved.StatusCode} {await approved.Content.ReadAsStringAsync()}");
        }

        await ControlTowerFixture.WaitAsync(async () => await proposal.GetAttributeAsync("data-status") == "completed", "the proposed rollout to complete", 180);
        var rollout = await fixture.GetAsync("/api/v1/rollouts/" + Uri.EscapeDataString(rolloutId));
        Assert.Equal("completed", rollout["rollout"]!["status"]!.GetValue<string>());
        Assert.All(rollout["assets"]!.AsArray(), a => Assert.Equal("2026.10.1", a!["toVersion"]!.GetValue<string>()));
        var decided = await fixture.GetAsync("/api/v1/ai/tasks/" + Uri.EscapeDataString(id));
        Assert.Contains(decided["proposals"]!.AsArray(), p => p!["id"]!.GetValue<string>() == rolloutId);
        Assert.Equal("CAB-5150: copilot plan approved", decided["decision"]!["comment"]!.GetValue<string>());
        Assert.Contains("CAB-5150: copilot plan approved", await page.GetByTestId("task-decision").TextContentAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = $"Rollout {rolloutId}" }).ClickAsync();
        await page.WaitForURLAsync(RolloutPath());
        await Browser.ScreenshotAsync(page, "copilot-rollout");
        await Browser.AssertAccessibleAsync(page, "the copilot's completed rollout");
    }

    [GeneratedRegex("/copilot/([^/?#]+)$")]
    private static partial Regex TaskPath();

    [GeneratedRegex("/rollouts/[^/?#]+$")]
    private static partial Regex RolloutPath();
}
