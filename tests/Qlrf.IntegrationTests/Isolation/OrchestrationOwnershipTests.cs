using System.Reflection;
using Qlrf.Orchestration;

namespace Qlrf.IntegrationTests.Isolation;

/// <summary>
/// Every orchestration instance belongs to one organisation because application code can only reach the runtime through
/// <see cref="OrganisationOrchestrations"/>: no service of the application's assemblies takes the runtime's own client.
/// </summary>
public sealed class OrchestrationOwnershipTests
{
    [Fact]
    public void Application_code_reaches_orchestrations_only_through_an_organisation()
    {
        Assembly[] application =
        [
            typeof(Qlrf.Api.Routes).Assembly,
            typeof(Qlrf.Workflows.Rollouts.RolloutOrchestrator).Assembly,
            typeof(Qlrf.Discovery.SweepFunctions).Assembly,
            typeof(Program).Assembly,
        ];

        var offenders = application.SelectMany(a => a.GetTypes())
            .Where(t => t.GetConstructors(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                .Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(IOrchestrationClient) || p.ParameterType == typeof(IOrchestrationHistory))))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(offenders.Count == 0, "These take the runtime's client instead of OrchestrationTenancy: " + string.Join(", ", offenders));
    }
}
