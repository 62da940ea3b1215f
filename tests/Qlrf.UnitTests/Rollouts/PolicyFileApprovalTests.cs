using Qlrf.Workflows.Rollouts;

namespace Qlrf.UnitTests.Rollouts;

public sealed class PolicyFileApprovalTests
{
    [Fact]
    public void The_policy_file_may_set_the_approval_timeout_and_high_risk_approvers()
    {
        var policies = PolicyFileReader.Parse(new StringReader("version: 3\napproval:\n  timeout: 90m\n  highRiskApprovers: 3\nrules: []\n"), "p.yaml");

        Assert.Equal((TimeSpan.FromMinutes(90), 3), (policies.Approval.Timeout, policies.Approval.HighRiskApprovers));
    }

    [Fact]
    public void Without_an_approval_section_the_settings_decide()
    {
        var policies = PolicyFileReader.Parse(new StringReader("version: 1\nrules: []\n"), "p.yaml");

        Assert.Equal((null, null), (policies.Approval.Timeout, policies.Approval.HighRiskApprovers));
    }

    [Theory]
    [InlineData("version: 1\napproval:\n  timeout: soon\nrules: []\n", 3, "approval.timeout", "duration")]
    [InlineData("version: 1\napproval:\n  timeout: 31d\nrules: []\n", 3, "approval.timeout", "duration")]
    [InlineData("version: 1\napproval:\n  highRiskApprovers: 11\nrules: []\n", 3, "approval.highRiskApprovers", "between 1 and 10")]
    [InlineData("version: 1\napproval: [24h]\nrules: []\n", 2, "approval", "mapping")]
    public void A_bad_approval_section_names_line_and_field(string yaml, int line, string field, string problem)
    {
        var ex = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Parse(new StringReader(yaml), "p.yaml"));

        Assert.Equal((line, field), (ex.Line, ex.Field));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
